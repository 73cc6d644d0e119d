namespace CopilotSeats.Runspace.Tests;

/// <summary>
/// The cmdlets and their parameters as the cmdlet specification says. The metadata tests compare what the engine
/// built from the module (Get-Command) with this, and take their theory data from it.
/// </summary>
public static class ModuleSpec
{
    public const string AllSets = "__AllParameterSets";

    public static readonly string[] Commands =
    {
        "Add-CopilotTeam", "Add-CopilotUser", "Connect-Copilot", "Disconnect-Copilot", "Export-CopilotSeatReport",
        "Get-CopilotCreditUsage", "Get-CopilotOrgDetail", "Get-CopilotSeat", "Get-CopilotUsage", "Measure-CopilotSeat", "Remove-CopilotTeam", "Remove-CopilotUser",
        "Test-CopilotConnection",
    };

    public static readonly string[] Mutators = { "Add-CopilotUser", "Remove-CopilotUser", "Add-CopilotTeam", "Remove-CopilotTeam" };

    /// <summary>The cmdlets that talk to GitHub (all but Connect-/Disconnect-Copilot).</summary>
    public static readonly string[] ApiCommands = Commands.Where(c => c is not "Connect-Copilot" and not "Disconnect-Copilot").ToArray();

    /// <summary>Name:Type[:alias=..] then one [set|M|pos|V|P] per parameter set, sorted.</summary>
    public static string Shape(string name, string type, string? aliases, params string[] sets) =>
        $"{name}:{type}" + (aliases is null ? string.Empty : ":alias=" + aliases) + string.Concat(sets.OrderBy(s => s, StringComparer.Ordinal));

    public static string Set(string set = AllSets, bool mandatory = false, int? position = null, bool byValue = false, bool byName = false) =>
        $"[{set}|{(mandatory ? "M" : "-")}|{(position?.ToString() ?? "named")}|{(byValue ? "V" : "-")}|{(byName ? "P" : "-")}]";

    private static readonly string[] Connection =
    {
        Shape("ApiUrl", "System.Uri", null, Set()),
        Shape("ApiVersion", "System.String", null, Set()),
        Shape("MaxRateLimitWait", "System.TimeSpan", null, Set()),
        Shape("MaxRetries", "System.Int32", null, Set()),
        Shape("ThrottleLimit", "System.Int32", null, Set()),
        Shape("TimeoutSec", "System.Int32", null, Set()),
        Shape("Token", "System.Security.SecureString", null, Set()),
    };

    private static string[] MutatorShape(string namesParameter, string aliases) => Connection.Concat(new[]
    {
        Shape("Organization", "System.String", null, Set("Organization", position: 0, byName: true)),
        Shape("Enterprise", "System.String", null, Set("Enterprise", mandatory: true, byName: true)),
        Shape(namesParameter, "System.String[]", aliases,
            Set("Organization", mandatory: true, position: 1, byValue: true, byName: true),
            Set("Enterprise", mandatory: true, position: 0, byValue: true, byName: true)),
        Shape("Force", "System.Management.Automation.SwitchParameter", null, Set()),
    }).ToArray();

    /// <summary>Each cmdlet's own parameters (not the common ones), as shapes.</summary>
    public static readonly Dictionary<string, string[]> Parameters = new()
    {
        ["Connect-Copilot"] = new[]
        {
            Shape("Token", "System.Security.SecureString", null, Set("Token")),
            Shape("ClientId", "System.String", null, Set("GitHubAppKeyFile", mandatory: true), Set("GitHubAppKey", mandatory: true)),
            Shape("PrivateKeyPath", "System.String", null, Set("GitHubAppKeyFile", mandatory: true)),
            Shape("PrivateKey", "System.Security.SecureString", null, Set("GitHubAppKey", mandatory: true)),
            Shape("InstallationId", "System.Int64", null, Set("GitHubAppKeyFile"), Set("GitHubAppKey")),
            Shape("ApiUrl", "System.Uri", null, Set()),
            Shape("ApiVersion", "System.String", null, Set()),
            Shape("Organization", "System.String", null, Set()),
            Shape("Enterprise", "System.String", null, Set()),
        },
        ["Disconnect-Copilot"] = Array.Empty<string>(),
        ["Get-CopilotOrgDetail"] = Connection.Append(Shape("Organization", "System.String", null, Set(position: 0, byValue: true, byName: true))).ToArray(),
        ["Get-CopilotSeat"] = Connection.Concat(new[]
        {
            Shape("Organization", "System.String", null, Set("Organization", position: 0, byName: true)),
            Shape("Enterprise", "System.String", null, Set("Enterprise", mandatory: true, byName: true)),
            Shape("UserName", "System.String[]", "Login", Set(byName: true)),
            Shape("PageSize", "System.Int32", null, Set()),
            Shape("InactiveDays", "System.Int32", null, Set()),
            Shape("Exclude", "System.String[]", null, Set()),
            Shape("IncludeUsage", "System.Management.Automation.SwitchParameter", null, Set()),
        }).ToArray(),
        ["Get-CopilotUsage"] = Connection.Concat(new[]
        {
            Shape("Organization", "System.String", null, Set("Organization", position: 0, byName: true)),
            Shape("Enterprise", "System.String", null, Set("Enterprise", mandatory: true, byName: true)),
            Shape("Report", "System.String", null, Set()),
            Shape("Day", "System.DateTime", null, Set()),
            Shape("Raw", "System.Management.Automation.SwitchParameter", null, Set()),
        }).ToArray(),
        ["Get-CopilotCreditUsage"] = Connection.Concat(new[]
        {
            Shape("Organization", "System.String", null, Set("Organization", position: 0, byName: true)),
            Shape("Enterprise", "System.String", null, Set("Enterprise", mandatory: true, byName: true)),
            Shape("Year", "System.Int32", null, Set()),
            Shape("Month", "System.Int32", null, Set()),
            Shape("Day", "System.Int32", null, Set()),
            Shape("Model", "System.String", null, Set()),
            Shape("Product", "System.String", null, Set()),
            Shape("CostCenterId", "System.String", null, Set("Enterprise")),
            Shape("InOrganization", "System.String", null, Set("Enterprise")),
            Shape("UserName", "System.String[]", "Login", Set(byName: true)),
            Shape("Raw", "System.Management.Automation.SwitchParameter", null, Set()),
        }).ToArray(),
        ["Measure-CopilotSeat"] = Connection.Concat(new[]
        {
            Shape("InputObject", "CopilotSeats.CopilotSeat[]", null, Set("InputObject", mandatory: true, byValue: true)),
            Shape("Organization", "System.String", null, Set("Organization", position: 0)),
            Shape("Enterprise", "System.String", null, Set("Enterprise", mandatory: true)),
            Shape("PageSize", "System.Int32", null, Set("Organization"), Set("Enterprise")),
            Shape("InactiveDays", "System.Int32", null, Set()),
            Shape("GroupBy", "System.String", null, Set()),
            Shape("Price", "System.Object", null, Set()),
            Shape("Currency", "System.String", null, Set()),
            Shape("IncludeUsage", "System.Management.Automation.SwitchParameter", null, Set("Organization"), Set("Enterprise")),
            Shape("IncludeCredits", "System.Management.Automation.SwitchParameter", null, Set("Organization"), Set("Enterprise")),
            Shape("IncludedCredits", "System.Object", null, Set()),
        }).ToArray(),
        ["Export-CopilotSeatReport"] = Connection.Concat(new[]
        {
            Shape("Path", "System.String", null, Set(mandatory: true, position: 0)),
            Shape("InputObject", "CopilotSeats.CopilotSeat[]", null, Set("InputObject", mandatory: true, byValue: true)),
            Shape("Organization", "System.String", null, Set("Organization")),
            Shape("Enterprise", "System.String", null, Set("Enterprise", mandatory: true)),
            Shape("PageSize", "System.Int32", null, Set("Organization"), Set("Enterprise")),
            Shape("InactiveDays", "System.Int32", null, Set()),
            Shape("Price", "System.Object", null, Set()),
            Shape("Currency", "System.String", null, Set()),
            Shape("IncludeUsage", "System.Management.Automation.SwitchParameter", null, Set("Organization"), Set("Enterprise")),
            Shape("IncludeCredits", "System.Management.Automation.SwitchParameter", null, Set("Organization"), Set("Enterprise")),
            Shape("IncludedCredits", "System.Object", null, Set()),
            Shape("PassThru", "System.Management.Automation.SwitchParameter", null, Set()),
            Shape("NoClobber", "System.Management.Automation.SwitchParameter", "NoOverwrite", Set()),
            Shape("Force", "System.Management.Automation.SwitchParameter", null, Set()),
        }).ToArray(),
        ["Add-CopilotUser"] = MutatorShape("UserName", "Login"),
        ["Remove-CopilotUser"] = MutatorShape("UserName", "Login").Concat(new[]
        {
            Shape("AssigningTeam", "System.String", null, Set(byName: true)),
            Shape("PendingCancellationDate", "System.String", null, Set(byName: true)),
            Shape("Exclude", "System.String[]", null, Set()),
        }).ToArray(),
        ["Test-CopilotConnection"] = Connection.Concat(new[]
        {
            Shape("Organization", "System.String", null, Set("Organization", position: 0, byValue: true, byName: true)),
            Shape("Enterprise", "System.String", null, Set("Enterprise", mandatory: true, byName: true)),
        }).ToArray(),
        ["Add-CopilotTeam"] = MutatorShape("TeamName", "Slug,Team"),
        ["Remove-CopilotTeam"] = MutatorShape("TeamName", "Slug,Team"),
    };

    public static IEnumerable<string> ParameterNames(string command) => Parameters[command].Select(s => s[..s.IndexOf(':')]);
}
