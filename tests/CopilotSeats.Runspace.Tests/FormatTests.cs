using System.Management.Automation;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace CopilotSeats.Runspace.Tests;

/// <summary>
/// CopilotSeats.Format.ps1xml as the engine loaded it (Get-FormatData): one view per Core type, naming only real
/// properties. How the views render (columns, widths, lists) is tested in tests/pester/Views.Tests.ps1.
/// </summary>
public sealed class FormatTests : SessionTests
{
    public FormatTests(PowerShellSession ps) : base(ps) { }

    private ExtendedTypeDefinition FormatData(string typeName)
    {
        Ps.SetVariable("__type", typeName);
        return Assert.IsType<ExtendedTypeDefinition>(Assert.Single(Ps.Run("Get-FormatData -TypeName $__type").Ok()).BaseObject);
    }

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
