using System.Management.Automation;
using System.Reflection;
using Xunit;
using static CopilotSeats.Runspace.Tests.ModuleSpec;

namespace CopilotSeats.Runspace.Tests;

/// <summary>
/// Cmdlet and parameter metadata as the engine built it from the imported module (Get-Command's CmdletInfo):
/// names, verbs, nouns, output types, ShouldProcess and ConfirmImpact, parameter sets, pipeline binding,
/// validation. Building that metadata is also where PowerShell rejects a bad declaration.
/// </summary>
public sealed class CommandShapeTests : SessionTests
{
    public CommandShapeTests(PowerShellSession ps) : base(ps) { }

    public static TheoryData<string> AllCommands() => new(Commands);
    public static TheoryData<string> MutatingCommands() => new(BillingChangers);
    public static TheoryData<string> ApiCommandNames() => new(ApiCommands);

    /// <summary>The cmdlet's own parameters: all but the common ones (and WhatIf/Confirm).</summary>
    internal static List<ParameterMetadata> OwnParameters(CommandInfo command) =>
        command.Parameters.Values.Where(p => !Cmdlet.CommonParameters.Contains(p.Name) && !Cmdlet.OptionalCommonParameters.Contains(p.Name))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ToList();

    private ParameterMetadata Parameter(string command, string name) => Assert.Single(OwnParameters(Ps.Command(command)), p => p.Name == name);

    private static CmdletAttribute CmdletAttributeOf(CmdletInfo command) => command.ImplementingType.GetCustomAttribute<CmdletAttribute>()!;

    [Fact]
    public void Assembly_defines_exactly_the_specified_cmdlets()
    {
        Assembly assembly = Ps.Command("Get-CopilotSeat").ImplementingType.Assembly;
        var names = assembly.GetTypes().Select(t => t.GetCustomAttribute<CmdletAttribute>()).OfType<CmdletAttribute>()
            .Select(a => a.VerbName + "-" + a.NounName).OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(Commands.OrderBy(n => n, StringComparer.Ordinal), names);
    }

    /// <summary>Get-Verb lists the constants of these classes.</summary>
    private static HashSet<string> ApprovedVerbs()
    {
        Type[] classes = { typeof(VerbsCommon), typeof(VerbsCommunications), typeof(VerbsData), typeof(VerbsDiagnostic), typeof(VerbsLifecycle), typeof(VerbsOther), typeof(VerbsSecurity) };
        return classes.SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
            .Select(f => (string)f.GetRawConstantValue()!).ToHashSet(StringComparer.Ordinal);
    }

    [Fact]
    public void Approved_verb_list_is_the_real_one()
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
    public void Cmdlet_uses_an_approved_verb_and_a_singular_Copilot_noun(string command)
    {
        CmdletInfo cmd = Ps.Command(command);
        Assert.Equal(command, cmd.Verb + "-" + cmd.Noun);
        Assert.Contains(cmd.Verb, ApprovedVerbs());
        Assert.StartsWith("Copilot", cmd.Noun, StringComparison.Ordinal);
        Assert.False(cmd.Noun.EndsWith("s", StringComparison.Ordinal) && !cmd.Noun.EndsWith("ss", StringComparison.Ordinal), $"noun '{cmd.Noun}' looks plural");
        Assert.Matches("^[A-Z][A-Za-z]+$", cmd.Noun);
    }

    [Theory]
    [MemberData(nameof(AllCommands))]
    public void Cmdlet_class_is_public_sealed_concrete_with_a_default_constructor(string command)
    {
        Type type = Ps.Command(command).ImplementingType;
        Assert.True(type.IsPublic && type.IsSealed && !type.IsAbstract, type.FullName);
        Assert.Equal("CopilotSeats.Commands", type.Namespace);
        Assert.Equal(command.Replace("-", string.Empty) + "Command", type.Name);
        Assert.NotNull(type.GetConstructor(Type.EmptyTypes));
        Assert.True(type.IsSubclassOf(typeof(PSCmdlet)));
    }

    [Theory]
    [InlineData("Connect-Copilot", "CopilotSeats.CopilotConnection")]
    [InlineData("Disconnect-Copilot", "System.Void")]
    [InlineData("Get-CopilotOrgDetail", "CopilotSeats.CopilotOrgDetail")]
    [InlineData("Get-CopilotSeat", "CopilotSeats.CopilotSeat")]
    [InlineData("Measure-CopilotSeat", "CopilotSeats.CopilotSeatSummary")]
    [InlineData("Export-CopilotSeatReport", "System.IO.FileInfo")]
    [InlineData("Add-CopilotUser", "CopilotSeats.CopilotSeatChange")]
    [InlineData("Remove-CopilotUser", "CopilotSeats.CopilotSeatChange")]
    [InlineData("Add-CopilotTeam", "CopilotSeats.CopilotSeatChange")]
    [InlineData("Remove-CopilotTeam", "CopilotSeats.CopilotSeatChange")]
    [InlineData("Test-CopilotConnection", "CopilotSeats.CopilotAccessCheck")]
    [InlineData("Set-CopilotBudget", "CopilotSeats.CopilotBudgetChange")]
    [InlineData("Remove-CopilotBudget", "System.Void")]
    public void Cmdlet_declares_its_OutputType(string command, string expected)
    {
        var declared = Ps.Command(command).OutputType;
        Assert.Equal(new[] { expected }, declared.Select(t => t.Name).ToArray());
        // The type resolves: Core's own type, loaded from the module folder.
        Assert.Equal(expected, Assert.Single(declared).Type?.FullName);
    }

    [Fact]
    public void Get_CopilotUsage_declares_its_three_output_types_and_the_report_names()
    {
        var declared = Ps.Command("Get-CopilotUsage").OutputType.Select(t => t.Type?.FullName).ToArray();
        Assert.Equal(new[] { "CopilotSeats.CopilotUserUsage", "System.Management.Automation.PSObject", "System.String" }, declared);
        var set = Assert.Single(Parameter("Get-CopilotUsage", "Report").Attributes.OfType<ValidateSetAttribute>());
        Assert.Equal(new[] { "Users", "Summary", "UserTeams", "Repositories" }, set.ValidValues);
        object cmdlet = Activator.CreateInstance(Ps.Command("Get-CopilotUsage").ImplementingType)!;
        Assert.Equal("Users", cmdlet.GetType().GetProperty("Report")!.GetValue(cmdlet));
    }

    [Theory]
    [MemberData(nameof(MutatingCommands))]
    public void Mutator_supports_ShouldProcess_with_the_specified_ConfirmImpact(string command)
    {
        var metadata = new CommandMetadata(Ps.Command(command));
        Assert.True(metadata.SupportsShouldProcess);
        Assert.Equal(MediumImpact.Contains(command) ? ConfirmImpact.Medium : ConfirmImpact.High, metadata.ConfirmImpact);
        Assert.Equal(typeof(SwitchParameter), Parameter(command, "Force").ParameterType);
        Assert.Contains("WhatIf", Ps.Command(command).Parameters.Keys);
        Assert.Contains("Confirm", Ps.Command(command).Parameters.Keys);
    }

    /// <summary>Every command but those that change billing and Export-CopilotSeatReport (which asks like Export-Csv does).</summary>
    public static TheoryData<string> NonMutatingCommands() => new(Commands.Except(BillingChangers).Where(c => c != "Export-CopilotSeatReport"));

    [Theory]
    [MemberData(nameof(NonMutatingCommands))]
    public void Non_mutator_does_not_support_ShouldProcess(string command)
    {
        CmdletInfo cmd = Ps.Command(command);
        Assert.False(new CommandMetadata(cmd).SupportsShouldProcess);
        Assert.DoesNotContain("Force", cmd.Parameters.Keys);
        Assert.DoesNotContain("WhatIf", cmd.Parameters.Keys);
    }

    [Theory]
    [InlineData("Connect-Copilot", "Token")]
    [InlineData("Test-CopilotConnection", "Organization")]
    [InlineData("Disconnect-Copilot", null)]
    [InlineData("Get-CopilotOrgDetail", null)]
    [InlineData("Get-CopilotSeat", "Organization")]
    [InlineData("Get-CopilotUsage", "Organization")]
    [InlineData("Measure-CopilotSeat", "Organization")]
    [InlineData("Export-CopilotSeatReport", "Organization")]
    [InlineData("Add-CopilotUser", "Organization")]
    [InlineData("Remove-CopilotUser", "Organization")]
    [InlineData("Add-CopilotTeam", "Organization")]
    [InlineData("Remove-CopilotTeam", "Organization")]
    public void Cmdlet_has_the_specified_default_parameter_set(string command, string? expected)
    {
        CmdletInfo cmd = Ps.Command(command);
        Assert.Equal(expected, CmdletAttributeOf(cmd).DefaultParameterSetName);
        if (expected != null) Assert.Equal(expected, cmd.DefaultParameterSet);
    }

    [Fact]
    public void Module_initializer_implements_initializer_and_cleanup()
    {
        Assembly assembly = Ps.Command("Get-CopilotSeat").ImplementingType.Assembly;
        Type initializer = Assert.Single(assembly.GetTypes(), t => typeof(IModuleAssemblyInitializer).IsAssignableFrom(t));
        Assert.True(initializer.IsPublic && !initializer.IsAbstract);
        Assert.NotNull(initializer.GetConstructor(Type.EmptyTypes));
        Assert.True(typeof(IModuleAssemblyCleanup).IsAssignableFrom(initializer));
    }

    [Fact]
    public void ValidateCopilotName_is_an_arguments_validator_that_lets_null_through()
    {
        // Not ValidateEnumeratedArgumentsAttribute: its sealed Validate refuses null, which would make a
        // piped seat with a null Organization (enterprise-level grant) fail pipeline binding.
        Type attribute = Ps.Command("Get-CopilotSeat").ImplementingType.Assembly.GetType("CopilotSeats.Commands.ValidateCopilotNameAttribute", throwOnError: true)!;
        Assert.True(attribute.IsSubclassOf(typeof(ValidateArgumentsAttribute)));
        Assert.False(attribute.IsSubclassOf(typeof(ValidateEnumeratedArgumentsAttribute)));
        Assert.NotNull(attribute.GetMethod("Validate", BindingFlags.NonPublic | BindingFlags.Instance));
        Assert.True(attribute.IsPublic && attribute.IsSealed);
    }

    private static string Actual(ParameterMetadata p)
    {
        string? aliases = p.Aliases.Count == 0 ? null : string.Join(",", p.Aliases.OrderBy(a => a, StringComparer.Ordinal));
        var sets = p.ParameterSets.Select(s => Set(s.Key, s.Value.IsMandatory, s.Value.Position == int.MinValue ? null : s.Value.Position,
            s.Value.ValueFromPipeline, s.Value.ValueFromPipelineByPropertyName)).ToArray();
        return Shape(p.Name, p.ParameterType.FullName!, aliases, sets);
    }

    [Theory]
    [MemberData(nameof(AllCommands))]
    public void Parameters_are_exactly_as_specified(string command)
    {
        var actual = OwnParameters(Ps.Command(command)).Select(Actual).OrderBy(s => s, StringComparer.Ordinal).ToArray();
        Assert.Equal(Parameters[command].OrderBy(s => s, StringComparer.Ordinal).ToArray(), actual);
    }

    [Theory]
    [MemberData(nameof(ApiCommandNames))]
    public void MaxRateLimitWait_takes_numbers_as_seconds(string command)
    {
        // Without the transformation PowerShell turns -MaxRateLimitWait 60 into 60 ticks.
        var transformation = Assert.Single(Parameter(command, "MaxRateLimitWait").Attributes.OfType<ArgumentTransformationAttribute>());
        Assert.Equal("CopilotSeats.Commands.SecondsTimeSpanTransformationAttribute", transformation.GetType().FullName);
    }

    /// <summary>The name rule and completer each name parameter has, wherever a command declares it.</summary>
    private static readonly (string Parameter, string Kind, string Completer)[] NameParameters =
        { ("Organization", "Organization", "OrganizationCompleter"), ("Enterprise", "Enterprise", "EnterpriseCompleter"),
          ("UserName", "Login", "UserNameCompleter"), ("TeamName", "TeamSlug", "TeamNameCompleter") };

    public static TheoryData<string, string, string, string?> NameParameterUses()
    {
        var data = new TheoryData<string, string, string, string?>();
        foreach (string command in ApiCommands.Append("Connect-Copilot"))
            foreach (var (parameter, kind, completer) in NameParameters.Where(n => ParameterNames(command).Contains(n.Parameter)))
                data.Add(command, parameter, kind, command == "Add-CopilotUser" && parameter == "UserName" ? null : completer); // users without a seat: nothing to list
        return data;
    }

    [Theory]
    [MemberData(nameof(NameParameterUses))]
    public void Name_parameter_has_its_name_rule_and_argument_completer(string command, string parameter, string nameKind, string? completer)
    {
        var validator = Assert.Single(Parameter(command, parameter).Attributes, a => a.GetType().FullName == "CopilotSeats.Commands.ValidateCopilotNameAttribute");
        object kind = validator.GetType().GetProperty("Kind")!.GetValue(validator)!;
        Assert.Equal("CopilotSeats.Validation.NameKind", kind.GetType().FullName);
        Assert.Equal(nameKind, kind.ToString());
        var attributes = Parameter(command, parameter).Attributes.OfType<ArgumentCompleterAttribute>().ToList();
        if (completer is null) { Assert.Empty(attributes); return; }
        var attribute = Assert.Single(attributes);
        Assert.Equal("CopilotSeats.Commands.Completion." + completer, attribute.Type!.FullName);
        Assert.True(typeof(IArgumentCompleter).IsAssignableFrom(attribute.Type));
    }

    public static TheoryData<string, string, int, int> Ranges()
    {
        var data = new TheoryData<string, string, int, int> { { "Get-CopilotSeat", "PageSize", 1, 100 }, { "Get-CopilotSeat", "InactiveDays", 1, 36500 },
            { "Measure-CopilotSeat", "PageSize", 1, 100 }, { "Measure-CopilotSeat", "InactiveDays", 1, 36500 },
            { "Export-CopilotSeatReport", "PageSize", 1, 100 }, { "Export-CopilotSeatReport", "InactiveDays", 1, 36500 } };
        foreach (string command in ApiCommands)
        {
            data.Add(command, "ThrottleLimit", 1, 16);
            data.Add(command, "MaxRetries", 0, 20);
            data.Add(command, "TimeoutSec", 1, 3600);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Ranges))]
    public void Numeric_parameter_has_ValidateRange(string command, string parameter, int min, int max)
    {
        var range = Assert.Single(Parameter(command, parameter).Attributes.OfType<ValidateRangeAttribute>());
        Assert.Equal(new object?[] { min, max }, new[] { range.MinRange, range.MaxRange });
    }

    [Fact]
    public void Measure_GroupBy_takes_the_four_groupings_and_defaults_are_as_specified()
    {
        var set = Assert.Single(Parameter("Measure-CopilotSeat", "GroupBy").Attributes.OfType<ValidateSetAttribute>());
        Assert.Equal(new[] { "Organization", "Team", "Editor", "PlanType" }, set.ValidValues);
        object cmdlet = Activator.CreateInstance(Ps.Command("Measure-CopilotSeat").ImplementingType)!;
        Assert.Equal(30, cmdlet.GetType().GetProperty("InactiveDays")!.GetValue(cmdlet));
        Assert.Equal("USD", cmdlet.GetType().GetProperty("Currency")!.GetValue(cmdlet));
        Assert.Null(cmdlet.GetType().GetProperty("Price")!.GetValue(cmdlet)); // null: GitHub's list prices
        ((IDisposable)cmdlet).Dispose();
    }

    [Theory]
    [MemberData(nameof(AllCommands))]
    public void Token_parameter_is_a_SecureString(string command)
    {
        var parameters = OwnParameters(Ps.Command(command));
        ParameterMetadata? token = parameters.SingleOrDefault(p => p.Name == "Token");
        if (command is "Disconnect-Copilot" or "Get-CopilotSeatJournal")
        {
            Assert.Null(token);
            return;
        }
        Assert.Equal(typeof(System.Security.SecureString), token?.ParameterType);
        Assert.DoesNotContain(parameters, p => p.Name.Contains("Token", StringComparison.OrdinalIgnoreCase) && p.ParameterType == typeof(string));
    }

    /// <summary>
    /// What PowerShell checks when it builds the command's metadata (a MetadataException at first use): reading
    /// Parameters and ParameterSets must work, and then names, aliases, positions and sets must be consistent.
    /// </summary>
    [Theory]
    [MemberData(nameof(AllCommands))]
    public void Parameters_pass_PowerShell_metadata_rules(string command)
    {
        CmdletInfo cmd = Ps.Command(command);
        var all = cmd.Parameters.Values.ToList();
        var own = OwnParameters(cmd);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (ParameterMetadata p in all) Assert.True(names.Add(p.Name), $"{command}: duplicate parameter {p.Name}");
        foreach (ParameterMetadata p in all)
            foreach (string alias in p.Aliases)
                Assert.True(names.Add(alias), $"{command}: alias {alias} collides");
        foreach (ParameterMetadata p in own)
        {
            PropertyInfo property = cmd.ImplementingType.GetProperty(p.Name)!;
            Assert.True(property.CanRead && property.CanWrite && property.SetMethod!.IsPublic, $"{command}: {p.Name} needs a public setter");
        }

        var declaredSets = own.SelectMany(p => p.ParameterSets.Keys).Where(s => s != AllSets).Distinct().ToList();
        string? defaultSet = CmdletAttributeOf(cmd).DefaultParameterSetName;
        if (declaredSets.Count > 0) Assert.Contains(defaultSet, declaredSets);
        Assert.Equal(Math.Max(1, declaredSets.Count), cmd.ParameterSets.Count);
        foreach (CommandParameterSetInfo set in cmd.ParameterSets)
        {
            var positions = set.Parameters.Select(p => p.Position).Where(p => p != int.MinValue).ToList();
            Assert.True(positions.Count == positions.Distinct().Count(), $"{command}/{set.Name}: two parameters share a position");
            // The hidden piped record (InputObject, DontShow: a record naming an enterprise) may sit beside one visible parameter.
            int byValue = set.Parameters.Count(p => p.ValueFromPipeline && !IsHiddenRecord(p));
            Assert.True(byValue <= 1, $"{command}/{set.Name}: {byValue} parameters take the whole pipeline object");
        }
        // Every set is distinguishable: each declared set has a parameter no other set has, or is the default.
        foreach (string set in declaredSets.Where(s => s != defaultSet))
            Assert.True(own.Any(p => p.ParameterSets.Keys.SequenceEqual(new[] { set })), $"{command}/{set} has no parameter of its own");
    }

    private static bool IsHiddenRecord(CommandParameterInfo p) =>
        p.Name == "InputObject" && p.ParameterType == typeof(PSObject) && p.Attributes.OfType<ParameterAttribute>().Any(a => a.DontShow);

    [Theory]
    [MemberData(nameof(AllCommands))]
    public void Cmdlet_does_not_take_pipeline_input_for_connection_settings(string command)
    {
        string[] settings = { "Token", "ApiUrl", "ApiVersion", "ThrottleLimit", "MaxRetries", "MaxRateLimitWait", "TimeoutSec", "PageSize", "InactiveDays", "Force" };
        foreach (ParameterMetadata p in OwnParameters(Ps.Command(command)).Where(p => settings.Contains(p.Name)))
            foreach (ParameterSetMetadata set in p.ParameterSets.Values)
            {
                Assert.False(set.ValueFromPipeline, $"{command} -{p.Name}");
                Assert.False(set.ValueFromPipelineByPropertyName, $"{command} -{p.Name}");
            }
    }

    [Fact]
    public void Seat_object_binds_to_UserName_by_property_name()
    {
        // Get-CopilotSeat | Remove-CopilotUser: CopilotSeat.Login must meet -UserName's alias.
        Type seat = Assert.Single(Ps.Command("Get-CopilotSeat").OutputType).Type;
        Assert.Equal(typeof(string), seat.GetProperty("Login")!.PropertyType);
        foreach (string command in new[] { "Remove-CopilotUser", "Add-CopilotUser", "Get-CopilotSeat" })
        {
            ParameterMetadata userName = Parameter(command, "UserName");
            Assert.Contains("Login", userName.Aliases);
            Assert.All(userName.ParameterSets.Values, s => Assert.True(s.ValueFromPipelineByPropertyName));
        }
        // A piped seat (or a CSV row) carries its own target: Organization and Enterprise bind by property name.
        var seatProperties = seat.GetProperties().Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (string command in Mutators)
        {
            var byName = OwnParameters(Ps.Command(command)).Where(p => p.ParameterSets.Values.Any(s => s.ValueFromPipelineByPropertyName)).Select(p => p.Name).ToList();
            Assert.Contains("Organization", byName);
            Assert.Contains("Enterprise", byName);
            Assert.Contains("Organization", seatProperties);
            Assert.Contains("Enterprise", seatProperties);
        }
    }

    [Fact]
    public void A_piped_seat_tells_Remove_CopilotUser_its_team_and_pending_cancellation()
    {
        // Get-CopilotSeat | Remove-CopilotUser (or Import-Csv of its report): the seat's AssigningTeam and
        // PendingCancellationDate reach the cmdlet by property name, so such names are never sent.
        Type seat = Assert.Single(Ps.Command("Get-CopilotSeat").OutputType).Type;
        foreach (string name in new[] { "AssigningTeam", "PendingCancellationDate" })
        {
            Assert.NotNull(seat.GetProperty(name));
            ParameterMetadata p = Parameter("Remove-CopilotUser", name);
            Assert.Equal(typeof(string), p.ParameterType); // a CSV's empty cell binds too
            Assert.All(p.ParameterSets.Values, s => Assert.True(s.ValueFromPipelineByPropertyName));
            Assert.All(p.ParameterSets.Values, s => Assert.False(s.IsMandatory));
        }
    }

    [Theory]
    [InlineData("Get-CopilotSeat")]
    [InlineData("Remove-CopilotUser")]
    public void Exclude_takes_wildcards_and_no_pipeline_input(string command)
    {
        ParameterMetadata exclude = Parameter(command, "Exclude");
        Assert.Equal(typeof(string[]), exclude.ParameterType);
        Assert.Contains(exclude.Attributes, a => a is SupportsWildcardsAttribute);
        Assert.All(exclude.ParameterSets.Values, s => Assert.False(s.ValueFromPipeline || s.ValueFromPipelineByPropertyName));
    }

    [Fact]
    public void Export_CopilotSeatReport_asks_ShouldProcess_like_Export_Csv_and_defaults_as_Measure_CopilotSeat()
    {
        CmdletInfo cmd = Ps.Command("Export-CopilotSeatReport");
        var metadata = new CommandMetadata(cmd);
        Assert.True(metadata.SupportsShouldProcess);
        Assert.Equal(ConfirmImpact.Medium, metadata.ConfirmImpact); // as Export-Csv: writing a file is not a billing change
        Assert.Contains("WhatIf", cmd.Parameters.Keys);
        Assert.Contains(Parameter("Export-CopilotSeatReport", "Path").Attributes, a => a is ValidateNotNullOrEmptyAttribute);
        Assert.Contains(Parameter("Export-CopilotSeatReport", "Price").Attributes, a => a is ValidateNotNullAttribute);
        object cmdlet = Activator.CreateInstance(cmd.ImplementingType)!;
        Assert.Equal(30, cmdlet.GetType().GetProperty("InactiveDays")!.GetValue(cmdlet));
        Assert.Equal("USD", cmdlet.GetType().GetProperty("Currency")!.GetValue(cmdlet));
        Assert.Null(cmdlet.GetType().GetProperty("Price")!.GetValue(cmdlet));
        ((IDisposable)cmdlet).Dispose();
    }
}
