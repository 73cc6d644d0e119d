using System.Text.RegularExpressions;

namespace CopilotSeats.HelpBuilder.Tests;

/// <summary>
/// The repository's help: the committed MAML is what src/CopilotSeats/Help makes, and the README's cmdlet table and
/// the about topic's cmdlet list name exactly the cmdlets that have a help file.
/// </summary>
public sealed class HelpSourceTests
{
    private static readonly string RepoRoot = FindRepoRoot();
    private static readonly string HelpFolder = Path.Combine(RepoRoot, "src", "CopilotSeats", "Help");
    private static readonly Lazy<IReadOnlyList<CommandHelp>> Help = new(() => HelpSource.ReadFolder(HelpFolder));

    private static IEnumerable<string> HelpNames => Help.Value.Select(h => h.Name).Order(StringComparer.Ordinal);

    [Fact]
    public void Committed_MAML_is_generated_from_the_markdown()
    {
        // LF as generated; a checkout may have turned the line endings into CRLF.
        string committed = File.ReadAllText(Path.Combine(RepoRoot, "en-US", "CopilotSeats.dll-Help.xml")).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.True(committed == HelpSource.Generate(HelpFolder),
            "en-US/CopilotSeats.dll-Help.xml is stale: build without CI=true (the build rewrites it from src/CopilotSeats/Help) and commit it.");
    }

    [Fact]
    public void Every_help_file_stays_under_300_lines()
    {
        foreach (string file in Directory.GetFiles(HelpFolder, "*.md"))
            Assert.True(File.ReadAllLines(file).Length < 300, $"{Path.GetFileName(file)} has 300 lines or more: tighten it (src/ files stay under 300).");
    }

    [Fact]
    public void Readme_cmdlet_table_lists_every_cmdlet_once_with_its_outputs()
    {
        string readme = File.ReadAllText(Path.Combine(RepoRoot, "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        int start = readme.IndexOf("\n## Cmdlets\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no '## Cmdlets' section");
        int end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var rows = readme[start..end].Split('\n').Select(l => Regex.Match(l, @"^\| `([A-Za-z]+-[A-Za-z]+)` \|.*\| ([^|]+) \|$")).Where(m => m.Success).ToList();
        Assert.Equal(HelpNames, rows.Select(r => r.Groups[1].Value).Order(StringComparer.Ordinal));
        foreach (Match row in rows)
        {
            string outputs = row.Groups[2].Value;
            foreach (TypeHelp output in Help.Value.Single(h => h.Name == row.Groups[1].Value).Outputs)
            {
                bool named = output.Name == "None"
                    ? outputs.Trim() == "–"
                    : outputs.Contains($"`{output.Name}`", StringComparison.Ordinal) || outputs.Contains($"`{output.Name[(output.Name.LastIndexOf('.') + 1)..]}`", StringComparison.Ordinal);
                Assert.True(named, $"README's Cmdlets table does not name {output.Name}, an output of {row.Groups[1].Value}");
            }
        }
    }

    [Fact]
    public void About_topic_lists_every_cmdlet_once()
    {
        string[] lines = File.ReadAllLines(Path.Combine(RepoRoot, "en-US", "about_CopilotSeats.help.txt"));
        int start = Array.IndexOf(lines, "    Cmdlets:");
        Assert.True(start >= 0, "about_CopilotSeats has no '    Cmdlets:' list");
        var listed = lines.Skip(start + 2).TakeWhile(l => l.Trim().Length > 0)
            .Where(l => Regex.IsMatch(l, "^ {8}[A-Za-z]")).Select(l => l.Trim().Split(' ')[0]);
        Assert.Equal(HelpNames, listed.Order(StringComparer.Ordinal));
    }

    private static string FindRepoRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CopilotSeats.sln"))) return dir.FullName;
        throw new InvalidOperationException("CopilotSeats.sln not found above " + AppContext.BaseDirectory);
    }
}
