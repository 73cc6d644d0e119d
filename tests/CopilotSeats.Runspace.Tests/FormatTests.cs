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
    public void Seat_table_shows_the_specified_columns()
    {
        TableControl table = Table("CopilotSeats.CopilotSeat");
        var labels = table.Headers.Select(h => h.Label).ToArray();
        Assert.Equal(new[] { "Login", "Organization", "AssigningTeam", "LastActivityAt", "PendingCancellationDate" }, labels);
        Assert.Equal(labels.Length, Assert.Single(table.Rows).Columns.Count);
    }

    [Fact]
    public void Seat_change_table_exists()
    {
        TableControl table = Table("CopilotSeats.CopilotSeatChange");
        Assert.Equal(table.Headers.Count, Assert.Single(table.Rows).Columns.Count);
    }

    [Fact]
    public void Summary_table_shows_the_specified_columns_within_80_characters()
    {
        TableControl table = Table("CopilotSeats.CopilotSeatSummary");
        var properties = Assert.Single(table.Rows).Columns.Select(c => c.DisplayEntry.Value).ToArray();
        Assert.Equal(new[] { "Name", "Seats", "Users", "Active", "Inactive", "PendingCancellation", "MonthlyCost", "InactiveMonthlyCost" }, properties);
        Assert.Equal(properties.Length, table.Headers.Count);
        Assert.True(table.Headers.Sum(h => h.Width) + table.Headers.Count - 1 < 80); // rendered at 80 columns by tests/pester/Measure.Tests.ps1
        Assert.All(table.Headers.Skip(1), h => Assert.Equal(Alignment.Right, h.Alignment));

    }

    [Fact]
    public void Format_references_only_real_properties()
    {
        foreach (string typeName in SelectedTypeNames())
        {
            var properties = CoreType(typeName)!.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToHashSet();
            var entries = FormatData(typeName).FormatViewDefinition.Select(v => Assert.IsType<TableControl>(v.Control))
                .SelectMany(t => t.Rows).SelectMany(r => r.Columns).Select(c => c.DisplayEntry).ToList();
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
