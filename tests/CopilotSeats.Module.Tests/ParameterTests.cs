using System.Reflection;
using Xunit;
using static CopilotSeats.Module.Tests.ModuleUnderTest;

namespace CopilotSeats.Module.Tests;

/// <summary>
/// Parameters exactly as the cmdlet specification says, plus the checks PowerShell makes when it
/// builds command metadata (which would otherwise only fail at run time, in pwsh).
/// </summary>
public class ParameterTests
{
    private const string All = "__AllParameterSets";

    /// <summary>Name:Type[:alias=..] then one [set|M|pos|V|P] per [Parameter] attribute, sorted.</summary>
    private static string Shape(string name, string type, string? aliases, params string[] sets) =>
        $"{name}:{type}" + (aliases is null ? string.Empty : ":alias=" + aliases) + string.Concat(sets.OrderBy(s => s, StringComparer.Ordinal));

    private static string Set(string set = All, bool mandatory = false, int? position = null, bool byValue = false, bool byName = false) =>
        $"[{set}|{(mandatory ? "M" : "-")}|{(position?.ToString() ?? "named")}|{(byValue ? "V" : "-")}|{(byName ? "P" : "-")}]";

    private static readonly string[] Shared =
    {
        Shape("ApiUrl", "System.Uri", null, Set()),
        Shape("ApiVersion", "System.String", null, Set()),
        Shape("MaxRateLimitWait", "System.TimeSpan", null, Set()),
        Shape("MaxRetries", "System.Int32", null, Set()),
        Shape("ThrottleLimit", "System.Int32", null, Set()),
        Shape("TimeoutSec", "System.Int32", null, Set()),
        Shape("Token", "System.Security.SecureString", null, Set()),
    };

    private static string[] MutatorShape(string namesParameter, string aliases) => Shared.Concat(new[]
    {
        Shape("Organization", "System.String", null, Set("Organization", position: 0, byName: true)),
        Shape("Enterprise", "System.String", null, Set("Enterprise", mandatory: true, byName: true)),
        Shape(namesParameter, "System.String[]", aliases,
            Set("Organization", mandatory: true, position: 1, byValue: true, byName: true),
            Set("Enterprise", mandatory: true, position: 0, byValue: true, byName: true)),
        Shape("Force", "System.Management.Automation.SwitchParameter", null, Set()),
    }).ToArray();

    private static readonly Dictionary<string, string[]> Expected = new()
    {
        ["Connect-Copilot"] = new[]
        {
            Shape("Token", "System.Security.SecureString", null, Set()),
            Shape("ApiUrl", "System.Uri", null, Set()),
            Shape("ApiVersion", "System.String", null, Set()),
            Shape("Organization", "System.String", null, Set()),
            Shape("Enterprise", "System.String", null, Set()),
        },
        ["Disconnect-Copilot"] = Array.Empty<string>(),
        ["Get-CopilotOrgDetail"] = Shared.Append(Shape("Organization", "System.String", null, Set(position: 0, byValue: true, byName: true))).ToArray(),
        ["Get-CopilotSeat"] = Shared.Concat(new[]
        {
            Shape("Organization", "System.String", null, Set("Organization", position: 0, byName: true)),
            Shape("Enterprise", "System.String", null, Set("Enterprise", mandatory: true, byName: true)),
            Shape("UserName", "System.String[]", "Login", Set(byName: true)),
            Shape("PageSize", "System.Int32", null, Set()),
            Shape("InactiveDays", "System.Int32", null, Set()),
        }).ToArray(),
        ["Add-CopilotUser"] = MutatorShape("UserName", "Login"),
        ["Remove-CopilotUser"] = MutatorShape("UserName", "Login"),
        ["Add-CopilotTeam"] = MutatorShape("TeamName", "Slug,Team"),
        ["Remove-CopilotTeam"] = MutatorShape("TeamName", "Slug,Team"),
    };

    public static TheoryData<string> Commands() => new(Expected.Keys);

    public static TheoryData<string> ApiCommands() => new(Expected.Keys.Where(c => c is not "Connect-Copilot" and not "Disconnect-Copilot"));

    [Theory]
    [MemberData(nameof(ApiCommands))]
    public void MaxRateLimitWait_TakesNumbersAsSeconds(string command)
    {
        // Without the transformation PowerShell turns -MaxRateLimitWait 60 into 60 ticks.
        PropertyInfo property = ParameterProperties(CmdletType(command)).Single(p => p.Name == "MaxRateLimitWait");
        var transformation = Assert.Single(property.GetCustomAttributesData(),
            a => CmdletShapeTests.BaseTypes(a.AttributeType).Any(b => b.FullName == "System.Management.Automation.ArgumentTransformationAttribute"));
        Assert.Equal("CopilotSeats.Commands.SecondsTimeSpanTransformationAttribute", transformation.AttributeType.FullName);
    }

    private static string Actual(PropertyInfo property)
    {
        var aliases = AttributesNamed(property, "System.Management.Automation.AliasAttribute")
            .SelectMany(a => ((IEnumerable<CustomAttributeTypedArgument>)a.ConstructorArguments[0].Value!).Select(v => (string)v.Value!))
            .OrderBy(a => a, StringComparer.Ordinal).ToList();
        var sets = AttributesNamed(property, ParameterAttribute).Select(a =>
        {
            int position = Named(a, "Position", int.MinValue);
            return Set(Named(a, "ParameterSetName", All)!, Named<bool>(a, "Mandatory"), position == int.MinValue ? null : position,
                Named<bool>(a, "ValueFromPipeline"), Named<bool>(a, "ValueFromPipelineByPropertyName"));
        }).ToArray();
        return Shape(property.Name, property.PropertyType.FullName!, aliases.Count == 0 ? null : string.Join(",", aliases), sets);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Parameters_AreExactlyAsSpecified(string command)
    {
        var actual = ParameterProperties(CmdletType(command)).Select(Actual).OrderBy(s => s, StringComparer.Ordinal).ToArray();
        Assert.Equal(Expected[command].OrderBy(s => s, StringComparer.Ordinal).ToArray(), actual);
    }

    [Theory]
    [InlineData("Get-CopilotOrgDetail", "Organization", 0)]
    [InlineData("Get-CopilotSeat", "Organization", 0)]
    [InlineData("Get-CopilotSeat", "Enterprise", 1)]
    [InlineData("Get-CopilotSeat", "UserName", 2)]
    [InlineData("Connect-Copilot", "Organization", 0)]
    [InlineData("Connect-Copilot", "Enterprise", 1)]
    [InlineData("Add-CopilotUser", "Organization", 0)]
    [InlineData("Add-CopilotUser", "Enterprise", 1)]
    [InlineData("Add-CopilotUser", "UserName", 2)]
    [InlineData("Remove-CopilotUser", "Organization", 0)]
    [InlineData("Remove-CopilotUser", "Enterprise", 1)]
    [InlineData("Remove-CopilotUser", "UserName", 2)]
    [InlineData("Add-CopilotTeam", "Organization", 0)]
    [InlineData("Add-CopilotTeam", "Enterprise", 1)]
    [InlineData("Add-CopilotTeam", "TeamName", 3)]
    [InlineData("Remove-CopilotTeam", "Organization", 0)]
    [InlineData("Remove-CopilotTeam", "Enterprise", 1)]
    [InlineData("Remove-CopilotTeam", "TeamName", 3)]
    public void NameParameter_HasValidateCopilotName(string command, string parameter, int nameKind)
    {
        // NameKind: Organization 0, Enterprise 1, Login 2, TeamSlug 3.
        PropertyInfo property = ParameterProperties(CmdletType(command)).Single(p => p.Name == parameter);
        var validator = Assert.Single(AttributesNamed(property, "CopilotSeats.Commands.ValidateCopilotNameAttribute"));
        Assert.Equal("CopilotSeats.NameKind", validator.ConstructorArguments[0].ArgumentType.FullName);
        Assert.Equal(nameKind, Convert.ToInt32(validator.ConstructorArguments[0].Value));
        Assert.Equal(nameKind, Convert.ToInt32(Core.GetType("CopilotSeats.NameKind", true)!.GetField(new[] { "Organization", "Enterprise", "Login", "TeamSlug" }[nameKind])!.GetRawConstantValue()));
    }

    public static TheoryData<string, string, int, int> Ranges()
    {
        var data = new TheoryData<string, string, int, int> { { "Get-CopilotSeat", "PageSize", 1, 100 }, { "Get-CopilotSeat", "InactiveDays", 1, 36500 } };
        foreach (string command in Expected.Keys.Where(c => c != "Connect-Copilot" && c != "Disconnect-Copilot"))
        {
            data.Add(command, "ThrottleLimit", 1, 16);
            data.Add(command, "MaxRetries", 0, 20);
            data.Add(command, "TimeoutSec", 1, 3600);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Ranges))]
    public void NumericParameter_HasValidateRange(string command, string parameter, int min, int max)
    {
        PropertyInfo property = ParameterProperties(CmdletType(command)).Single(p => p.Name == parameter);
        var range = Assert.Single(AttributesNamed(property, "System.Management.Automation.ValidateRangeAttribute"));
        Assert.Equal(new object?[] { min, max }, range.ConstructorArguments.Select(a => a.Value).ToArray());
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void TokenParameter_IsSecureString(string command)
    {
        PropertyInfo? token = ParameterProperties(CmdletType(command)).SingleOrDefault(p => p.Name == "Token");
        if (command == "Disconnect-Copilot")
        {
            Assert.Null(token);
            return;
        }
        Assert.NotNull(token);
        Assert.Equal("System.Security.SecureString", token!.PropertyType.FullName);
        Assert.DoesNotContain(ParameterProperties(CmdletType(command)), p => p.Name.Contains("Token", StringComparison.OrdinalIgnoreCase) && p.PropertyType.FullName == "System.String");
    }

    private static readonly string[] CommonParameters =
    {
        "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable", "WarningVariable",
        "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable", "WhatIf", "Confirm",
        "vb", "db", "ea", "wa", "infa", "proga", "ev", "wv", "iv", "ov", "ob", "pv", "wi", "cf",
    };

    /// <summary>What PowerShell rejects when it builds the command's metadata (MetadataException at first use).</summary>
    [Theory]
    [MemberData(nameof(Commands))]
    public void Parameters_PassPowerShellMetadataRules(string command)
    {
        Type type = CmdletType(command);
        var properties = ParameterProperties(type);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (PropertyInfo p in properties)
        {
            Assert.True(names.Add(p.Name), $"{command}: duplicate parameter {p.Name}");
            Assert.DoesNotContain(p.Name, CommonParameters, StringComparer.OrdinalIgnoreCase);
            Assert.True(p.CanRead && p.CanWrite && p.SetMethod!.IsPublic, $"{command}: {p.Name} needs a public setter");
        }
        foreach (PropertyInfo p in properties)
        {
            foreach (var alias in AttributesNamed(p, "System.Management.Automation.AliasAttribute")
                         .SelectMany(a => ((IEnumerable<CustomAttributeTypedArgument>)a.ConstructorArguments[0].Value!).Select(v => (string)v.Value!)))
            {
                Assert.True(names.Add(alias), $"{command}: alias {alias} collides");
                Assert.DoesNotContain(alias, CommonParameters, StringComparer.OrdinalIgnoreCase);
            }
        }

        var setAttributes = properties.SelectMany(p => AttributesNamed(p, ParameterAttribute).Select(a => (Property: p, Attribute: a))).ToList();
        var declaredSets = setAttributes.Select(x => Named(x.Attribute, "ParameterSetName", All)!).Where(s => s != All).Distinct().ToList();
        string? defaultSet = Named<string>(CmdletAttributeOf(type), "DefaultParameterSetName");
        if (declaredSets.Count > 0) Assert.Contains(defaultSet, declaredSets);
        foreach (PropertyInfo p in properties)
        {
            var sets = AttributesNamed(p, ParameterAttribute).Select(a => Named(a, "ParameterSetName", All)).ToList();
            Assert.Equal(sets.Count, sets.Distinct().Count());
        }
        foreach (string set in declaredSets.DefaultIfEmpty(All))
        {
            var inSet = setAttributes.Where(x => Named(x.Attribute, "ParameterSetName", All) is var s && (s == set || s == All)).ToList();
            var positions = inSet.Select(x => Named(x.Attribute, "Position", int.MinValue)).Where(p => p != int.MinValue).ToList();
            Assert.True(positions.Count == positions.Distinct().Count(), $"{command}/{set}: two parameters share a position");
            int byValue = inSet.Count(x => Named<bool>(x.Attribute, "ValueFromPipeline"));
            Assert.True(byValue <= 1, $"{command}/{set}: {byValue} parameters take the whole pipeline object");
        }
        // Every set is distinguishable: each declared set has a parameter no other set has, or is the default.
        foreach (string set in declaredSets.Where(s => s != defaultSet))
        {
            var unique = setAttributes.Where(x => Named(x.Attribute, "ParameterSetName", All) == set)
                .Select(x => x.Property)
                .Where(p => AttributesNamed(p, ParameterAttribute).All(a => Named(a, "ParameterSetName", All) == set));
            Assert.True(unique.Any(), $"{command}/{set} has no parameter of its own");
        }
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Cmdlet_DoesNotTakePipelineInputForConnectionSettings(string command)
    {
        string[] settings = { "Token", "ApiUrl", "ApiVersion", "ThrottleLimit", "MaxRetries", "MaxRateLimitWait", "TimeoutSec", "PageSize", "InactiveDays", "Force" };
        foreach (PropertyInfo p in ParameterProperties(CmdletType(command)).Where(p => settings.Contains(p.Name)))
            foreach (var a in AttributesNamed(p, ParameterAttribute))
            {
                Assert.False(Named<bool>(a, "ValueFromPipeline"), $"{command} -{p.Name}");
                Assert.False(Named<bool>(a, "ValueFromPipelineByPropertyName"), $"{command} -{p.Name}");
            }
    }

    [Fact]
    public void SeatObject_BindsToUserNameByPropertyName()
    {
        // Get-CopilotSeat | Remove-CopilotUser: CopilotSeat.Login must meet -UserName's alias.
        Type seat = Core.GetType("CopilotSeats.CopilotSeat", true)!;
        PropertyInfo login = seat.GetProperty("Login")!;
        Assert.Equal("System.String", login.PropertyType.FullName);
        foreach (string command in new[] { "Remove-CopilotUser", "Add-CopilotUser", "Get-CopilotSeat" })
        {
            PropertyInfo userName = ParameterProperties(CmdletType(command)).Single(p => p.Name == "UserName");
            Assert.Contains("Login", AttributesNamed(userName, "System.Management.Automation.AliasAttribute")
                .SelectMany(a => ((IEnumerable<CustomAttributeTypedArgument>)a.ConstructorArguments[0].Value!).Select(v => (string)v.Value!)));
            Assert.All(AttributesNamed(userName, ParameterAttribute), a => Assert.True(Named<bool>(a, "ValueFromPipelineByPropertyName")));
        }
        // A piped seat (or a CSV row) carries its own target: Organization and Enterprise bind by property name.
        var seatProperties = seat.GetProperties().Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (string command in CmdShapeMutators)
        {
            var byName = ParameterProperties(CmdletType(command))
                .Where(p => AttributesNamed(p, ParameterAttribute).Any(a => Named<bool>(a, "ValueFromPipelineByPropertyName")))
                .Select(p => p.Name).ToList();
            Assert.Contains("Organization", byName);
            Assert.Contains("Enterprise", byName);
            Assert.Contains("Organization", seatProperties);
            Assert.Contains("Enterprise", seatProperties);
        }
    }

    private static readonly string[] CmdShapeMutators = CmdletShapeTests.Mutators;
}
