using System.Management.Automation;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace CopilotSeats.Runspace.Tests;

/// <summary>CopilotSeats.Format.ps1xml as the engine loaded it (Get-FormatData).</summary>
public sealed class FormatTests : SessionTests
{
    public FormatTests(PowerShellSession ps) : base(ps) { }

    private ExtendedTypeDefinition FormatData(string typeName)
    {
        Ps.SetVariable("__type", typeName);
        return Assert.IsType<ExtendedTypeDefinition>(Assert.Single(Ps.Run("Get-FormatData -TypeName $__type").Ok()).BaseObject);
    }

    private TableControl Table(string typeName) => Assert.IsType<TableControl>(Assert.Single(FormatData(typeName).FormatViewDefinition).Control);

    private ListControl List(string typeName) => Assert.IsType<ListControl>(Assert.Single(FormatData(typeName).FormatViewDefinition).Control);

    /// <summary>The width the fixed columns and their separators take (a width-less last column gets the rest).</summary>
    private static int FixedWidth(TableControl table) => table.Headers.Sum(h => h.Width) + table.Headers.Count - 1;

    /// <summary>The type names the shipped file selects views for.</summary>
    private List<string> SelectedTypeNames() =>
        XDocument.Load(Path.Combine(Ps.Module.ModuleBase, "CopilotSeats.Format.ps1xml"))
            .Descendants("ViewSelectedBy").Elements("TypeName").Select(t => t.Value.Trim()).ToList();

    /// <summary>Core's type of that name, from the assembly the module loaded.</summary>
    private Type? CoreType(string name) => Assert.Single(Ps.Command("Get-CopilotSeat").OutputType).Type.Assembly.GetType(name);

    [Fact]
    public void Format_selects_only_existing_Core_types_with_one_loaded_view_each()
    {
        var selected = SelectedTypeNames();
        Assert.NotEmpty(selected);
        Assert.All(selected, name => Assert.NotNull(CoreType(name)));
        var viewNames = selected.SelectMany(name => FormatData(name).FormatViewDefinition).Select(v => v.Name).ToList();
        Assert.Equal(selected.Count, viewNames.Count);
        Assert.Equal(viewNames.Count, viewNames.Distinct().Count());
    }

    [Fact]
    public void Seat_table_groups_by_organization_and_shows_the_specified_columns_within_80_characters()
    {
        TableControl table = Table("CopilotSeats.CopilotSeat");
        var labels = table.Headers.Select(h => h.Label).ToArray();
        Assert.Equal(new[] { "Login", "AssigningTeam", "LastActive", "Ago", "CancelsOn", "Editor" }, labels);
        var columns = Assert.Single(table.Rows).Columns.Select(c => c.DisplayEntry).ToArray();
        Assert.Equal(labels.Length, columns.Length);
        Assert.Equal(new[] { "Login", "AssigningTeam" }, columns.Take(2).Select(c => c.Value));
        Assert.Contains("DaysInactive", columns[3].Value);
        Assert.Contains("LastActivityAt", columns[2].Value);
        Assert.Contains("PendingCancellationDate", columns[4].Value);
        Assert.Contains("LastActivityEditor", columns[5].Value);
        Assert.All(columns.Skip(2), c => Assert.Equal(DisplayEntryValueType.ScriptBlock, c.ValueType));
        Assert.All(table.Headers.Take(2), h => Assert.Equal(20, h.Width));
        Assert.Equal(0, table.Headers[^1].Width); // Editor takes what is left
        Assert.Contains("Organization", Assert.IsType<DisplayEntry>(table.GroupBy.Expression).Value);
        Assert.True(FixedWidth(table) + "VisualStudio".Length <= 80); // the separators include the one before Editor: the longest simulator editor name fits at 80
    }

    [Fact]
    public void Org_detail_and_connection_default_to_lists()
    {
        Assert.Equal("Organization", List("CopilotSeats.CopilotOrgDetail").Entries[0].Items[0].DisplayEntry.Value);
        Assert.Equal(13, List("CopilotSeats.CopilotOrgDetail").Entries[0].Items.Count);
        var connection = List("CopilotSeats.CopilotConnection").Entries[0].Items;
        Assert.Equal(new[] { "ApiUrl", "ApiVersion", "Organization", "Enterprise", "TokenSource", "AppClientId", "InstallationId" },
            connection.Take(7).Select(i => i.DisplayEntry.Value));
        Assert.Equal("TokenExpiresAt", connection[7].Label);
        // The App's lines show only for a GitHub App sign-in.
        Assert.All(connection.Skip(5), i => Assert.Contains("AppClientId", i.ItemSelectionCondition.Value));
        Assert.All(connection.Take(5), i => Assert.Null(i.ItemSelectionCondition));
    }

    [Fact]
    public void Access_check_defaults_to_a_list_in_the_issues_order()
    {
        var items = List("CopilotSeats.CopilotAccessCheck").Entries[0].Items;
        Assert.Equal(new[] { "ApiUrl", "Target", "TokenSource", "TokenKind", "Scopes", "CanReadOrgDetail", "CanReadSeats", "CanReadUsage",
                "RateLimitRemaining", "RateLimitResetAt", "Problems" },
            items.Select(i => i.Label ?? i.DisplayEntry.Value));
    }

    [Fact]
    public void Seat_change_table_exists()
    {
        TableControl table = Table("CopilotSeats.CopilotSeatChange");
        Assert.Equal(table.Headers.Count, Assert.Single(table.Rows).Columns.Count);
        Assert.Equal(new[] { "Action", "AssigneeType", "Target", "SeatsChanged", "Requested" }, table.Headers.Select(h => h.Label));
        Assert.Equal(20, table.Headers[2].Width);
        Assert.True(FixedWidth(table) + 20 <= 80); // one 20-character name fits in Requested
    }

    [Fact]
    public void Summary_table_shows_the_specified_columns_within_80_characters()
    {
        TableControl table = Table("CopilotSeats.CopilotSeatSummary");
        var properties = Assert.Single(table.Rows).Columns.Select(c => c.DisplayEntry.Value).ToArray();
        Assert.Equal(new[] { "Name", "Seats", "Active", "Inactive", "PendingCancellation", "MonthlyCost", "InactiveMonthlyCost" }, properties);
        Assert.Equal(properties.Length, table.Headers.Count);
        Assert.Equal(20, table.Headers[0].Width);
        Assert.True(FixedWidth(table) < 80); // rendered at 80 columns by tests/pester/Measure.Tests.ps1 and Views.Tests.ps1
        Assert.All(table.Headers.Skip(1), h => Assert.Equal(Alignment.Right, h.Alignment));

    }

    [Fact]
    public void Format_references_only_real_properties()
    {
        foreach (string typeName in SelectedTypeNames())
        {
            var properties = CoreType(typeName)!.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToHashSet();
            var entries = FormatData(typeName).FormatViewDefinition.SelectMany(v => v.Control switch
            {
                TableControl t => t.Rows.SelectMany(r => r.Columns).Select(c => c.DisplayEntry)
                    .Concat(t.GroupBy?.Expression is DisplayEntry g ? new[] { g } : Array.Empty<DisplayEntry>()),
                ListControl l => l.Entries.SelectMany(e => e.Items).Select(i => i.DisplayEntry),
                _ => throw new Xunit.Sdk.XunitException($"{typeName}: unexpected control {v.Control.GetType().Name}"),
            }).ToList();
            Assert.NotEmpty(entries);
            foreach (DisplayEntry entry in entries)
            {
                if (entry.ValueType == DisplayEntryValueType.Property) Assert.Contains(entry.Value, properties);
                else
                    foreach (Match m in Regex.Matches(entry.Value, @"\$_\.(\w+)"))
                        Assert.Contains(m.Groups[1].Value, properties);
            }
        }
    }
}
