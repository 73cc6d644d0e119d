using System.Reflection;
using System.Xml.Linq;
using Xunit;
using static CopilotSeats.Module.Tests.ModuleUnderTest;

namespace CopilotSeats.Module.Tests;

public class FormatTests
{
    private static readonly Lazy<XDocument> s_format = new(() => XDocument.Load(FormatPath));

    private static XElement View(string typeName) =>
        s_format.Value.Descendants("View").Single(v => v.Element("ViewSelectedBy")!.Elements("TypeName").Any(t => t.Value.Trim() == typeName));

    [Fact]
    public void Format_SelectsOnlyExistingCoreTypes()
    {
        var selected = s_format.Value.Descendants("ViewSelectedBy").Elements("TypeName").Select(t => t.Value.Trim()).ToList();
        Assert.NotEmpty(selected);
        Assert.All(selected, name => Assert.NotNull(Core.GetType(name)));
        var viewNames = s_format.Value.Descendants("View").Select(v => v.Element("Name")!.Value).ToList();
        Assert.Equal(viewNames.Count, viewNames.Distinct().Count());
    }

    [Fact]
    public void SeatTable_ShowsTheSpecifiedColumns()
    {
        XElement table = View("CopilotSeats.CopilotSeat").Element("TableControl")!;
        var labels = table.Element("TableHeaders")!.Elements("TableColumnHeader").Select(h => h.Element("Label")!.Value).ToArray();
        Assert.Equal(new[] { "Login", "Organization", "AssigningTeam", "LastActivityAt", "PendingCancellationDate" }, labels);
        var items = table.Descendants("TableColumnItems").Single().Elements("TableColumnItem").ToList();
        Assert.Equal(labels.Length, items.Count);
    }

    [Fact]
    public void SeatChangeTable_Exists()
    {
        XElement table = View("CopilotSeats.CopilotSeatChange").Element("TableControl")!;
        int headers = table.Element("TableHeaders")!.Elements("TableColumnHeader").Count();
        Assert.Equal(headers, table.Descendants("TableColumnItems").Single().Elements("TableColumnItem").Count());
    }

    [Fact]
    public void Format_ReferencesOnlyRealProperties()
    {
        foreach (XElement view in s_format.Value.Descendants("View"))
        {
            Type type = Core.GetType(view.Element("ViewSelectedBy")!.Element("TypeName")!.Value.Trim(), throwOnError: true)!;
            var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToHashSet();
            foreach (XElement name in view.Descendants("PropertyName"))
                Assert.Contains(name.Value.Trim(), properties);
            foreach (XElement script in view.Descendants("ScriptBlock"))
                foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(script.Value, @"\$_\.(\w+)"))
                    Assert.Contains(m.Groups[1].Value, properties);
        }
    }
}
