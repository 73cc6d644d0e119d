using System.Text.RegularExpressions;

namespace CopilotSeats.HelpBuilder;

/// <summary>
/// Reads one cmdlet's help markdown (platyPS layout) into a <see cref="CommandHelp"/>, and refuses anything it
/// would otherwise drop or guess: a missing or unknown section, a parameter without its yaml block, a set a
/// parameter names that SYNTAX does not, or a SYNTAX line that no longer matches the parameters.
/// </summary>
public static partial class CommandHelpReader
{
    public const string AllParameterSets = "__AllParameterSets";

    private static readonly string[] SectionOrder =
        { "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS" };

    public static CommandHelp Read(string file, string text)
    {
        var doc = MarkdownDocument.Parse(file, text);
        if (!doc.FrontMatter.TryGetValue("document type", out string? type) || type != "cmdlet")
            throw doc.Error(1, "The front matter must say 'document type: cmdlet'.");
        if (!doc.FrontMatter.TryGetValue("title", out string? title) || title != doc.Title)
            throw doc.Error(doc.TitleLine, $"The front matter title '{title}' and the # title '{doc.Title}' differ.");
        if (!Regex.IsMatch(doc.Title, "^[A-Za-z]+-[A-Za-z]+$")) throw doc.Error(doc.TitleLine, $"'{doc.Title}' is not a Verb-Noun cmdlet name.");
        string[] titles = doc.Sections.Select(s => s.Title).ToArray();
        if (!titles.SequenceEqual(SectionOrder))
            throw doc.Error(doc.TitleLine, $"The ## sections must be {string.Join(", ", SectionOrder)}, in that order; found {string.Join(", ", titles)}.");
        MarkdownSection Section(string name) => doc.Sections[Array.IndexOf(SectionOrder, name)];
        foreach (MarkdownSection section in doc.Sections)
        {
            bool bySubsection = section.Title is "SYNTAX" or "EXAMPLES" or "PARAMETERS" or "INPUTS" or "OUTPUTS";
            if (bySubsection && section.Blocks.Count > 0)
                throw doc.Error(section.Blocks[0].Line, $"Text directly under ## {section.Title} would be lost: it belongs under a ### heading.");
            if (!bySubsection && section.Subsections.Count > 0)
                throw doc.Error(section.Subsections[0].Line, $"## {section.Title} takes no ### headings.");
        }

        var parameters = Section("PARAMETERS").Subsections.Where(s => s.Title != "CommonParameters").Select(s => Parameter(doc, s)).ToList();
        foreach (var duplicate in parameters.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            throw doc.Error(Section("PARAMETERS").Line, $"-{duplicate.Key} is documented twice.");
        var syntax = Section("SYNTAX").Subsections.Select(s => SyntaxSet(doc, s)).ToList();
        var help = new CommandHelp(
            doc.Title,
            Paragraphs(doc, Section("SYNOPSIS"), required: true),
            syntax,
            Paragraphs(doc, Section("DESCRIPTION"), required: true),
            Section("EXAMPLES").Subsections.Select(s => Example(doc, s)).ToList(),
            parameters,
            Section("INPUTS").Subsections.Select(s => new TypeHelp(s.Title, Paragraphs(doc, s, required: false))).ToList(),
            Section("OUTPUTS").Subsections.Select(s => new TypeHelp(s.Title, Paragraphs(doc, s, required: false))).ToList(),
            Paragraphs(doc, Section("NOTES"), required: false),
            Links(doc, Section("RELATED LINKS")));
        CheckSyntax(doc, help, Section("SYNTAX"));
        return help;
    }

    private static IReadOnlyList<string> Paragraphs(MarkdownDocument doc, MarkdownSection section, bool required)
    {
        MarkdownBlock? fence = section.Blocks.FirstOrDefault(b => b.IsFence);
        if (fence is not null) throw doc.Error(fence.Line, $"A code block under {section.Title} would be lost: only paragraphs are kept there.");
        if (required && section.Blocks.Count == 0) throw doc.Error(section.Line, $"{section.Title} is empty.");
        return section.Blocks.Select(b => b.Text).ToList();
    }

    private static SyntaxSet SyntaxSet(MarkdownDocument doc, MarkdownSection section)
    {
        const string DefaultMark = " (Default)";
        bool isDefault = section.Title.EndsWith(DefaultMark, StringComparison.Ordinal);
        string name = isDefault ? section.Title[..^DefaultMark.Length].Trim() : section.Title;
        if (section.Blocks.Count != 1 || !section.Blocks[0].IsFence)
            throw doc.Error(section.Line, $"SYNTAX set '{name}' must hold exactly one code block: the syntax line.");
        return new SyntaxSet(name, isDefault, Normalize(section.Blocks[0].Text));
    }

    private static ExampleHelp Example(MarkdownDocument doc, MarkdownSection section)
    {
        var fences = section.Blocks.Where(b => b.IsFence).ToList();
        if (fences.Count != 1 || !section.Blocks[0].IsFence)
            throw doc.Error(section.Line, $"'{section.Title}' must start with one code block (the example), then the text that explains it.");
        var remarks = section.Blocks.Skip(1).Select(b => b.Text).ToList();
        if (remarks.Count == 0) throw doc.Error(section.Line, $"'{section.Title}' has no text after its code.");
        return new ExampleHelp(section.Title, fences[0].Text, remarks);
    }

    private static ParameterHelp Parameter(MarkdownDocument doc, MarkdownSection section)
    {
        if (!section.Title.StartsWith('-') || section.Title.Length < 2 || section.Title.Contains(' ', StringComparison.Ordinal))
            throw doc.Error(section.Line, $"A parameter heading is '### -Name', not '### {section.Title}'.");
        string name = section.Title[1..];
        var yaml = section.Blocks.Where(b => b.IsFence).ToList();
        if (yaml.Count != 1 || yaml[0].Info != "yaml" || !section.Blocks[^1].IsFence)
            throw doc.Error(section.Line, $"-{name}: the description paragraphs must be followed by one ```yaml block.");
        var description = section.Blocks.Where(b => !b.IsFence).Select(b => b.Text).ToList();
        if (description.Count == 0) throw doc.Error(section.Line, $"-{name} has no description.");
        return ParameterBlock.Read(doc, name, description, yaml[0]);
    }

    private static IReadOnlyList<LinkHelp> Links(MarkdownDocument doc, MarkdownSection section)
    {
        var links = new List<LinkHelp>();
        foreach (MarkdownBlock block in section.Blocks)
        {
            if (block.IsFence) throw doc.Error(block.Line, "RELATED LINKS holds '- [text](uri)' lines only.");
            for (int i = 0; i < block.Lines.Count; i++)
            {
                Match m = LinkLine().Match(block.Lines[i].Trim());
                if (!m.Success) throw doc.Error(block.Line + i, $"'{block.Lines[i]}' is not '- [text](uri)'.");
                links.Add(new LinkHelp(m.Groups[1].Value, m.Groups[2].Value));
            }
        }
        return links;
    }

    /// <summary>Every set a parameter names is a SYNTAX set, there is one default at most, and each syntax line is current.</summary>
    private static void CheckSyntax(MarkdownDocument doc, CommandHelp help, MarkdownSection section)
    {
        var names = help.Syntax.Select(s => s.Name).ToList();
        if (names.Count == 0) throw doc.Error(section.Line, "SYNTAX lists no parameter set (a cmdlet without sets has '### __AllParameterSets').");
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Count) throw doc.Error(section.Line, "A SYNTAX set is listed twice.");
        if (help.Syntax.Count(s => s.IsDefault) > 1) throw doc.Error(section.Line, "More than one SYNTAX set is marked (Default).");
        foreach (ParameterHelp p in help.Parameters)
            foreach (ParameterSetEntry e in p.Sets.Where(e => e.Name != ParameterHelp.AllSets && !names.Contains(e.Name)))
                throw doc.Error(section.Line, $"-{p.Name} names the set '{e.Name}', which SYNTAX does not list.");
        for (int i = 0; i < help.Syntax.Count; i++)
        {
            string expected = SyntaxLine.Render(help, help.Syntax[i].Name);
            if (help.Syntax[i].Text != expected)
                throw doc.Error(section.Subsections[i].Line, $"The SYNTAX of set '{help.Syntax[i].Name}' does not match the parameters; it should read:\n{expected}");
        }
    }

    private static string Normalize(string text) => WhiteSpace().Replace(text.Trim(), " ");

    [GeneratedRegex(@"^-\s*\[([^\]]+)\]\(([^)\s]*)\)$")]
    private static partial Regex LinkLine();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
