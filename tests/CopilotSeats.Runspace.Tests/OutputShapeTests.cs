using System.Management.Automation;
using System.Reflection;
using Xunit;
using static CopilotSeats.Runspace.Tests.ModuleSpec;

namespace CopilotSeats.Runspace.Tests;

/// <summary>
/// Every output type the cmdlets declare exports cleanly: Export-Csv writes each property's ToString(), so a public
/// property is a scalar or a CopilotNameList (its ToString joins the names), never an array, list, dictionary or
/// nested object that would export as its type name. Not the module's: Get-CopilotUsage's PSObject reports (GitHub's
/// own nested records, on purpose), strings, Export-CopilotSeatReport's FileInfo and void.
/// </summary>
public sealed class OutputShapeTests : SessionTests
{
    public OutputShapeTests(PowerShellSession ps) : base(ps) { }

    public static TheoryData<string> AllCommands() => new(Commands);

    private static readonly Type[] Scalars = { typeof(string), typeof(decimal), typeof(DateTime), typeof(DateTimeOffset), typeof(TimeSpan), typeof(Guid), typeof(Uri) };
    private static readonly string[] NotTheModules = { "System.Management.Automation.PSObject", "System.String", "System.IO.FileInfo", "System.Void" };

    /// <summary>Exports as its text: a scalar (numbers, bool, char, enums, Nullable of them included) or the list of names.</summary>
    private static bool ExportsAsText(Type type)
    {
        Type t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || Scalars.Contains(t) || t.FullName == "CopilotSeats.CopilotNameList";
    }

    [Theory]
    [MemberData(nameof(AllCommands))]
    public void Every_property_of_an_output_type_exports_as_text(string command)
    {
        foreach (PSTypeName output in Ps.Command(command).OutputType)
        {
            Type type = Assert.IsAssignableFrom<Type>(output.Type);
            if (NotTheModules.Contains(type.FullName)) continue;
            Assert.Equal("CopilotSeats", type.Namespace);
            var offending = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => !ExportsAsText(p.PropertyType))
                .Select(p => $"{type.Name}.{p.Name} ({p.PropertyType})");
            Assert.Empty(offending);
        }
    }

    [Theory]
    [InlineData(typeof(string[]), false)]
    [InlineData(typeof(List<string>), false)]
    [InlineData(typeof(Dictionary<string, int>), false)]
    [InlineData(typeof(object), false)]
    [InlineData(typeof(Version), false)]
    [InlineData(typeof(int?), true)]
    [InlineData(typeof(DateTimeOffset?), true)]
    [InlineData(typeof(DayOfWeek), true)]
    [InlineData(typeof(string), true)]
    public void The_rule_refuses_arrays_lists_dictionaries_and_objects(Type type, bool text) => Assert.Equal(text, ExportsAsText(type));
}
