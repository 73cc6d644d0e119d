using System.Reflection;
using Xunit;
using static CopilotSeats.Module.Tests.ModuleUnderTest;

namespace CopilotSeats.Module.Tests;

/// <summary>Cmdlet-level metadata: names, verbs, nouns, output types, ShouldProcess, default parameter sets.</summary>
public class CmdletShapeTests
{
    public static readonly string[] ExpectedCommands =
    {
        "Add-CopilotTeam", "Add-CopilotUser", "Connect-Copilot", "Disconnect-Copilot",
        "Get-CopilotOrgDetail", "Get-CopilotSeat", "Remove-CopilotTeam", "Remove-CopilotUser",
    };

    public static readonly string[] Mutators = { "Add-CopilotUser", "Remove-CopilotUser", "Add-CopilotTeam", "Remove-CopilotTeam" };

    public static TheoryData<string> AllCommands() => new(ExpectedCommands);
    public static TheoryData<string> MutatingCommands() => new(Mutators);

    [Fact]
    public void Assembly_DefinesExactlyTheSpecifiedCmdlets()
    {
        var names = CmdletTypes.Select(CommandName).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        Assert.Equal(ExpectedCommands.OrderBy(n => n, StringComparer.Ordinal), names);
    }

    /// <summary>Get-Verb lists the constants of these classes; read them from the reference SMA.</summary>
    private static HashSet<string> ApprovedVerbs()
    {
        string[] classes = { "VerbsCommon", "VerbsCommunications", "VerbsData", "VerbsDiagnostic", "VerbsLifecycle", "VerbsOther", "VerbsSecurity" };
        var verbs = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in classes)
        {
            Type type = Sma.GetType("System.Management.Automation." + name, throwOnError: true)!;
            foreach (FieldInfo field in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
                verbs.Add((string)field.GetRawConstantValue()!);
        }
        return verbs;
    }

    [Fact]
    public void ApprovedVerbList_IsTheRealOne()
    {
        var verbs = ApprovedVerbs();
        Assert.True(verbs.Count > 90, $"only {verbs.Count} verbs read");
        Assert.Contains("Get", verbs);
        Assert.Contains("Connect", verbs);
        Assert.DoesNotContain("Delete", verbs);
        Assert.DoesNotContain("Cancel", verbs);
    }

    [Theory]
    [MemberData(nameof(AllCommands))]
    public void Cmdlet_UsesApprovedVerbAndSingularCopilotNoun(string command)
    {
        Type type = CmdletType(command);
        var attribute = CmdletAttributeOf(type);
        string verb = (string)attribute.ConstructorArguments[0].Value!;
        string noun = (string)attribute.ConstructorArguments[1].Value!;
        Assert.Contains(verb, ApprovedVerbs());
        Assert.StartsWith("Copilot", noun, StringComparison.Ordinal);
        Assert.False(noun.EndsWith("s", StringComparison.Ordinal) && !noun.EndsWith("ss", StringComparison.Ordinal), $"noun '{noun}' looks plural");
        Assert.Matches("^[A-Z][A-Za-z]+$", noun);
    }

    [Theory]
    [MemberData(nameof(AllCommands))]
    public void CmdletClass_IsPublicSealedConcreteWithDefaultConstructor(string command)
    {
        Type type = CmdletType(command);
        Assert.True(type.IsPublic && type.IsSealed && !type.IsAbstract, type.FullName);
        Assert.Equal("CopilotSeats.Commands", type.Namespace);
        Assert.Equal(command.Replace("-", string.Empty) + "Command", type.Name);
        Assert.NotNull(type.GetConstructor(Type.EmptyTypes));
        Assert.Contains(BaseTypes(type), b => b.FullName == "System.Management.Automation.PSCmdlet");
    }

    [Theory]
    [InlineData("Connect-Copilot", "CopilotSeats.CopilotConnection")]
    [InlineData("Disconnect-Copilot", "System.Void")]
    [InlineData("Get-CopilotOrgDetail", "CopilotSeats.CopilotOrgDetail")]
    [InlineData("Get-CopilotSeat", "CopilotSeats.CopilotSeat")]
    [InlineData("Add-CopilotUser", "CopilotSeats.CopilotSeatChange")]
    [InlineData("Remove-CopilotUser", "CopilotSeats.CopilotSeatChange")]
    [InlineData("Add-CopilotTeam", "CopilotSeats.CopilotSeatChange")]
    [InlineData("Remove-CopilotTeam", "CopilotSeats.CopilotSeatChange")]
    public void Cmdlet_DeclaresOutputType(string command, string expected)
    {
        var outputTypes = AttributesNamed(CmdletType(command), "System.Management.Automation.OutputTypeAttribute").ToList();
        var declared = outputTypes.SelectMany(a => a.ConstructorArguments)
            .SelectMany(arg => arg.Value is IEnumerable<CustomAttributeTypedArgument> items ? items.Select(i => i.Value) : new[] { arg.Value })
            .Select(v => v is Type t ? t.FullName : v?.ToString())
            .ToList();
        Assert.Equal(new[] { expected }, declared);
        if (expected.StartsWith("CopilotSeats.", StringComparison.Ordinal))
            Assert.NotNull(Core.GetType(expected));
    }

    [Theory]
    [MemberData(nameof(MutatingCommands))]
    public void Mutator_SupportsShouldProcessWithSpecifiedImpact(string command)
    {
        var attribute = CmdletAttributeOf(CmdletType(command));
        Assert.True(Named<bool>(attribute, "SupportsShouldProcess"));
        // ConfirmImpact: None 0, Low 1, Medium 2, High 3.
        int expected = command.StartsWith("Add-", StringComparison.Ordinal) ? 2 : 3;
        Assert.Equal(expected, Named<int>(attribute, "ConfirmImpact", -1));
    }

    [Theory]
    [MemberData(nameof(MutatingCommands))]
    public void Mutator_HasForceSwitch(string command)
    {
        PropertyInfo? force = ParameterProperties(CmdletType(command)).SingleOrDefault(p => p.Name == "Force");
        Assert.NotNull(force);
        Assert.Equal("System.Management.Automation.SwitchParameter", force!.PropertyType.FullName);
    }

    [Theory]
    [InlineData("Get-CopilotSeat")]
    [InlineData("Get-CopilotOrgDetail")]
    [InlineData("Connect-Copilot")]
    [InlineData("Disconnect-Copilot")]
    public void NonMutator_DoesNotSupportShouldProcess(string command)
    {
        var attribute = CmdletAttributeOf(CmdletType(command));
        Assert.False(Named<bool>(attribute, "SupportsShouldProcess"));
        Assert.DoesNotContain(ParameterProperties(CmdletType(command)), p => p.Name == "Force");
    }

    [Theory]
    [InlineData("Connect-Copilot", null)]
    [InlineData("Disconnect-Copilot", null)]
    [InlineData("Get-CopilotOrgDetail", null)]
    [InlineData("Get-CopilotSeat", "Organization")]
    [InlineData("Add-CopilotUser", "Organization")]
    [InlineData("Remove-CopilotUser", "Organization")]
    [InlineData("Add-CopilotTeam", "Organization")]
    [InlineData("Remove-CopilotTeam", "Organization")]
    public void Cmdlet_HasSpecifiedDefaultParameterSet(string command, string? expected)
    {
        Assert.Equal(expected, Named<string>(CmdletAttributeOf(CmdletType(command)), "DefaultParameterSetName"));
    }

    [Fact]
    public void ModuleInitializer_ImplementsInitializerAndCleanup()
    {
        var types = Cmdlets.GetTypes().Where(t => t.GetInterfaces().Any(i => i.FullName == "System.Management.Automation.IModuleAssemblyInitializer")).ToList();
        Type initializer = Assert.Single(types);
        Assert.True(initializer.IsPublic && !initializer.IsAbstract);
        Assert.NotNull(initializer.GetConstructor(Type.EmptyTypes));
        Assert.Contains(initializer.GetInterfaces(), i => i.FullName == "System.Management.Automation.IModuleAssemblyCleanup");
    }

    [Fact]
    public void ValidateCopilotName_IsAnArgumentsValidatorThatLetsNullThrough()
    {
        // Not ValidateEnumeratedArgumentsAttribute: its sealed Validate refuses null, which would make a
        // piped seat with a null Organization (enterprise-level grant) fail pipeline binding.
        Type attribute = Cmdlets.GetType("CopilotSeats.Commands.ValidateCopilotNameAttribute", throwOnError: true)!;
        Assert.Contains(BaseTypes(attribute), b => b.FullName == "System.Management.Automation.ValidateArgumentsAttribute");
        Assert.DoesNotContain(BaseTypes(attribute), b => b.FullName == "System.Management.Automation.ValidateEnumeratedArgumentsAttribute");
        Assert.NotNull(attribute.GetMethod("Validate", BindingFlags.NonPublic | BindingFlags.Instance));
        Assert.True(attribute.IsPublic && attribute.IsSealed);
    }

    internal static IEnumerable<Type> BaseTypes(Type type)
    {
        for (Type? t = type.BaseType; t != null; t = t.BaseType) yield return t;
    }
}
