namespace CopilotSeats.HelpBuilder;

/// <summary>A paragraph (Info null: its lines joined with one space) or a fenced code block (Info: the fence's language).</summary>
public sealed record MarkdownBlock(int Line, string? Info, string Text, IReadOnlyList<string> Lines)
{
    public bool IsFence => Info is not null;
}

/// <summary>A ## or ### heading with the blocks under it and, for ##, its ### subsections.</summary>
public sealed class MarkdownSection(int level, string title, int line)
{
    public int Level { get; } = level;

    public string Title { get; } = title;

    public int Line { get; } = line;

    public List<MarkdownBlock> Blocks { get; } = new();

    public List<MarkdownSection> Subsections { get; } = new();
}

/// <summary>
/// The subset of markdown a platyPS help file uses: YAML front matter (key: value lines), one # title, ## sections,
/// ### subsections, paragraphs and fenced code blocks. Text is taken literally (no inline markdown is interpreted).
/// </summary>
public sealed class MarkdownDocument
{
    private MarkdownDocument(string file) => File = file;

    public string File { get; }

    public Dictionary<string, string> FrontMatter { get; } = new(StringComparer.Ordinal);

    public string Title { get; private set; } = string.Empty;

    public int TitleLine { get; private set; }

    public List<MarkdownSection> Sections { get; } = new();

    public HelpFormatException Error(int line, string message) => new(File, line, message);

    public static MarkdownDocument Parse(string file, string text)
    {
        var doc = new MarkdownDocument(file);
        string[] lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        int i = doc.ReadFrontMatter(lines);
        MarkdownSection? section = null, subsection = null;
        var paragraph = new List<string>();
        int paragraphLine = 0;

        void EndParagraph()
        {
            if (paragraph.Count == 0) return;
            var target = subsection ?? section ?? throw doc.Error(paragraphLine, "Text before the first ## section.");
            target.Blocks.Add(new MarkdownBlock(paragraphLine, null, string.Join(" ", paragraph.Select(l => l.Trim())), paragraph.ToArray()));
            paragraph.Clear();
        }

        for (; i < lines.Length; i++)
        {
            string line = lines[i];
            int number = i + 1;
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                EndParagraph();
                var target = subsection ?? section ?? throw doc.Error(number, "Code before the first ## section.");
                var code = new List<string>();
                int start = number;
                for (i++; i < lines.Length && lines[i].TrimEnd() != "```"; i++) code.Add(lines[i]);
                if (i >= lines.Length) throw doc.Error(start, "Code block without its closing ```.");
                target.Blocks.Add(new MarkdownBlock(start, line[3..].Trim(), string.Join("\n", code), code));
            }
            else if (line.StartsWith('#'))
            {
                EndParagraph();
                int level = line.TakeWhile(c => c == '#').Count();
                if (level > 3 || line.Length <= level || line[level] != ' ') throw doc.Error(number, $"Unsupported heading '{line}': use #, ## or ### followed by a space.");
                string title = line[(level + 1)..].Trim();
                if (level == 1)
                {
                    if (doc.TitleLine != 0 || section is not null) throw doc.Error(number, "Only one # title, before every ## section.");
                    (doc.Title, doc.TitleLine) = (title, number);
                }
                else if (level == 2)
                {
                    section = new MarkdownSection(2, title, number);
                    subsection = null;
                    doc.Sections.Add(section);
                }
                else
                {
                    if (section is null) throw doc.Error(number, "### heading before the first ## section.");
                    subsection = new MarkdownSection(3, title, number);
                    section.Subsections.Add(subsection);
                }
            }
            else if (line.Trim().Length == 0)
            {
                EndParagraph();
            }
            else
            {
                if (paragraph.Count == 0) paragraphLine = number;
                paragraph.Add(line);
            }
        }
        EndParagraph();
        if (doc.TitleLine == 0) throw doc.Error(1, "No # title.");
        return doc;
    }

    private int ReadFrontMatter(string[] lines)
    {
        if (lines.Length == 0 || lines[0].TrimEnd() != "---") throw Error(1, "The file must start with YAML front matter (---).");
        for (int i = 1; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd();
            if (line == "---") return i + 1;
            int colon = line.IndexOf(':');
            if (colon <= 0) throw Error(i + 1, $"Front matter line is not 'key: value': '{line}'.");
            FrontMatter[line[..colon].Trim()] = YamlBlock.Scalar(line[(colon + 1)..], i + 1, Error);
        }
        throw Error(1, "Front matter without its closing ---.");
    }
}
