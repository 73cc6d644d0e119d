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
        "Add-CopilotTeam", "Add-CopilotUser", "Compare-CopilotSeat", "Connect-Copilot", "Disconnect-Copilot", "Export-CopilotSeatReport",
        "Get-CopilotBudget", "Get-CopilotCreditUsage", "Get-CopilotOrgDetail", "Get-CopilotSeat", "Get-CopilotSeatJournal",
        "Get-CopilotUsage", "Measure-CopilotSeat", "Remove-CopilotBudget", "Remove-CopilotTeam", "Remove-CopilotUser", "Set-CopilotBudget",
        "Sync-CopilotSeat", "Test-CopilotConnection", "Undo-CopilotSeatChange",
    };

    /// <summary>The commands that change seats or budgets and take their target (Organization, Enterprise) by property name.</summary>
    public static readonly string[] Mutators =
        { "Add-CopilotUser", "Remove-CopilotUser", "Add-CopilotTeam", "Remove-CopilotTeam", "Sync-CopilotSeat", "Set-CopilotBudget", "Remove-CopilotBudget" };

    /// <summary>Every command that changes seats or budgets (the mutators and Undo-CopilotSeatChange); Medium for what adds or sets, High for what cancels or removes.</summary>
    public static readonly string[] BillingChangers = Mutators.Append("Undo-CopilotSeatChange").ToArray();
    public static readonly string[] MediumImpact = { "Add-CopilotUser", "Add-CopilotTeam", "Set-CopilotBudget" };

    /// <summary>The cmdlets that talk to GitHub (all but Connect-/Disconnect-Copilot and the journal reader).</summary>
    public static readonly string[] ApiCommands = Commands.Where(c => c is not "Connect-Copilot" and not "Disconnect-Copilot" and not "Get-CopilotSeatJournal").ToArray();

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
        Shape("JournalPath", "System.String", null, Set()),
        Shape("NoJournal", "System.Management.Automation.SwitchParameter", null, Set()),
        Record,
        Shape("Action", "System.String", null, Set(byName: true)),
    }).ToArray();

    /// <summary>Compare- and Sync-CopilotSeat: the reference users (by value, and by property name as Login or UserName), -Exclude, -GraceDays, -IncludeEqual.</summary>
    private static string[] PlanShape(params string[] own) => Connection.Concat(own).Concat(new[]
    {
        Shape("ReferenceUser", "System.String[]", "Login,UserName", Set(mandatory: true, position: 0, byValue: true, byName: true)),
        Shape("Exclude", "System.String[]", null, Set()),
        Shape("GraceDays", "System.Int32", null, Set()),
        Shape("IncludeEqual", "System.Management.Automation.SwitchParameter", null, Set()),
    }).ToArray();

    /// <summary>The hidden piped record of every -Organization/-Enterprise cmdlet, whose Enterprise names the target.</summary>
    private static readonly string Record = Shape("InputObject", "System.Management.Automation.PSObject", null, Set(byValue: true));

    /// <summary>The connection, -Organization and -Enterprise (bound by property name), the piped record, then the cmdlet's own.</summary>
    private static string[] Targets(params string[] own) => Connection.Concat(new[]
    {
        Shape("Organization", "System.String", null, Set("Organization", position: 0, byName: true)),
        Shape("Enterprise", "System.String", null, Set("Enterprise", mandatory: true, byName: true)),
        Record,
    }).Concat(own).ToArray();

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
            Shape("JournalPath", "System.String", null, Set()),
        },
        ["Disconnect-Copilot"] = Array.Empty<string>(),
        ["Get-CopilotOrgDetail"] = Connection.Append(Shape("Organization", "System.String", null, Set(position: 0, byValue: true, byName: true))).ToArray(),
        ["Get-CopilotSeat"] = Connection.Concat(new[]
        {
            Shape("Organization", "System.String", null, Set("Organization", position: 0, byName: true)),
            Shape("Enterprise", "System.String", null, Set("Enterprise", mandatory: true, byName: true)),
            Record,
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
            Record,
            Shape("Report", "System.String", null, Set()),
            Shape("Day", "System.DateTime", null, Set()),
            Shape("Raw", "System.Management.Automation.SwitchParameter", null, Set()),
        }).ToArray(),
        ["Get-CopilotCreditUsage"] = Connection.Concat(new[]
        {
            Shape("Organization", "System.String", null, Set("Organization", position: 0, byName: true)),
            Shape("Enterprise", "System.String", null, Set("Enterprise", mandatory: true, byName: true)),
            Record,
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
            Shape("IncludeCredits", "System.Management.Automation.SwitchParameter", null, Set()),
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
            Shape("IncludeCredits", "System.Management.Automation.SwitchParameter", null, Set()),
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
            Record,
        }).ToArray(),
        ["Compare-CopilotSeat"] = PlanShape(
            Shape("Organization", "System.String", null, Set("Organization")),
            Shape("Enterprise", "System.String", null, Set("Enterprise", mandatory: true))),
        ["Sync-CopilotSeat"] = PlanShape(
            Shape("Organization", "System.String", null, Set(byName: true)),
            Shape("Enterprise", "System.String", null, Set(byName: true)),
            Shape("Action", "System.String", null, Set(byName: true)),
            Shape("AllowEmptyReference", "System.Management.Automation.SwitchParameter", null, Set()),
            Shape("MaximumRemoval", "System.Int32", null, Set()),
            Shape("Force", "System.Management.Automation.SwitchParameter", null, Set()),
            Shape("JournalPath", "System.String", null, Set()),
            Shape("NoJournal", "System.Management.Automation.SwitchParameter", null, Set())),
        ["Get-CopilotSeatJournal"] = new[]
        {
            Shape("Path", "System.String", null, Set(position: 0)),
            Shape("RunId", "System.Guid[]", null, Set()),
            Shape("Since", "System.DateTimeOffset", null, Set()),
            Shape("UserName", "System.String[]", null, Set()),
            Shape("Action", "System.String", null, Set()),
        },
        ["Undo-CopilotSeatChange"] = Connection.Concat(new[]
        {
            Shape("RunId", "System.Guid[]", null, Set("RunId", mandatory: true, position: 0, byName: true)),
            Shape("InputObject", "CopilotSeats.CopilotJournalEntry[]", null, Set("InputObject", mandatory: true, byValue: true, byName: true)),
            Shape("IncludeUnknown", "System.Management.Automation.SwitchParameter", null, Set()),
            Shape("JournalPath", "System.String", null, Set()),
            Shape("NoJournal", "System.Management.Automation.SwitchParameter", null, Set()),
            Shape("Force", "System.Management.Automation.SwitchParameter", null, Set()),
        }).ToArray(),
        ["Get-CopilotBudget"] = Targets(
            Shape("UserName", "System.String[]", "Login", Set(position: 1, byName: true)),
            Shape("Scope", "System.String[]", null, Set()),
            Shape("All", "System.Management.Automation.SwitchParameter", null, Set())),
        ["Set-CopilotBudget"] = Targets(
            Shape("UserName", "System.String[]", "Login", Set(position: 1, byName: true)),
            Shape("AllUsers", "System.Management.Automation.SwitchParameter", null, Set()),
            Shape("AmountUsd", "System.Decimal", null, Set(mandatory: true, byName: true)),
            Shape("Force", "System.Management.Automation.SwitchParameter", null, Set()),
            Shape("JournalPath", "System.String", null, Set()),
            Shape("NoJournal", "System.Management.Automation.SwitchParameter", null, Set())),
        ["Remove-CopilotBudget"] = Targets(
            Shape("UserName", "System.String[]", "Login", Set(position: 1, byName: true)),
            Shape("Id", "System.String[]", null, Set(byName: true)),
            Shape("Force", "System.Management.Automation.SwitchParameter", null, Set()),
            Shape("JournalPath", "System.String", null, Set()),
            Shape("NoJournal", "System.Management.Automation.SwitchParameter", null, Set())),
        ["Add-CopilotTeam"] = MutatorShape("TeamName", "Slug,Team"),
        ["Remove-CopilotTeam"] = MutatorShape("TeamName", "Slug,Team"),
    };

    public static IEnumerable<string> ParameterNames(string command) => Parameters[command].Select(s => s[..s.IndexOf(':')]);
}
