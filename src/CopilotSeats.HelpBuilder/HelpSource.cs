namespace CopilotSeats.HelpBuilder;

/// <summary>The help folder: one &lt;Verb-Noun&gt;.md per cmdlet (README.md, which explains the folder, is not one).</summary>
public static class HelpSource
{
    public const string FolderReadme = "README.md";

    /// <summary>Every cmdlet's help, ordered by name (ordinal), so the MAML comes out the same on every machine.</summary>
    public static IReadOnlyList<CommandHelp> ReadFolder(string folder)
    {
        var files = Directory.GetFiles(folder, "*.md")
            .Where(f => !Path.GetFileName(f).Equals(FolderReadme, StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0) throw new HelpFormatException(folder, 0, "No cmdlet help (*.md) in the folder.");
        var commands = new List<CommandHelp>();
        foreach (string file in files)
        {
            CommandHelp help = CommandHelpReader.Read(file, File.ReadAllText(file));
            if (Path.GetFileNameWithoutExtension(file) != help.Name)
                throw new HelpFormatException(file, 1, $"The file of {help.Name} must be named {help.Name}.md.");
            commands.Add(help);
        }
        return commands;
    }

    /// <summary>The MAML text the folder's markdown makes.</summary>
    public static string Generate(string folder) => MamlWriter.Write(ReadFolder(folder));
}
