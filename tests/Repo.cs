using System.Text.Json.Nodes;

namespace CopilotSeats.Tests;

/// <summary>
/// The repository the tests run in (the folder of CopilotSeats.sln) and the GitHub API fixtures they read. Compiled
/// into every xunit project.
/// </summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    /// <summary>The GitHub API description and examples the tests read, kept in tests/fixtures (.ci/run checks them against their source).</summary>
    public static string Fixtures => Path.Combine(Root, "tests", "fixtures", "github-api");

    /// <summary>A GitHub API example, as text.</summary>
    public static string Example(string name) => File.ReadAllText(Path.Combine(Fixtures, "examples", "copilot", name));

    /// <summary>A GitHub API example, parsed.</summary>
    public static JsonNode ExampleJson(string name) => JsonNode.Parse(Example(name))!;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CopilotSeats.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("CopilotSeats.sln was not found above " + AppContext.BaseDirectory);
    }
}
