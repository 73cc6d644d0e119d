namespace CopilotSeats.HelpBuilder;

/// <summary>One cmdlet's help, as one markdown file holds it and the MAML file receives it.</summary>
public sealed record CommandHelp(
    string Name,
    IReadOnlyList<string> Synopsis,
    IReadOnlyList<SyntaxSet> Syntax,
    IReadOnlyList<string> Description,
    IReadOnlyList<ExampleHelp> Examples,
    IReadOnlyList<ParameterHelp> Parameters,
    IReadOnlyList<TypeHelp> Inputs,
    IReadOnlyList<TypeHelp> Outputs,
    IReadOnlyList<string> Notes,
    IReadOnlyList<LinkHelp> Links)
{
    public string Verb => Name[..Name.IndexOf('-')];

    public string Noun => Name[(Name.IndexOf('-') + 1)..];

    /// <summary>The parameters of a set, in the order of the PARAMETERS section with -WhatIf and -Confirm last.</summary>
    public IEnumerable<(ParameterHelp Parameter, ParameterSetEntry Entry)> ParametersOf(string set)
    {
        var inSet = Parameters.Where(p => !p.DontShow)
            .Select(p => (Parameter: p, Entry: p.EntryFor(set)))
            .Where(x => x.Entry is not null)
            .Select(x => (x.Parameter, x.Entry!))
            .ToList();
        return inSet.Where(x => !IsShouldProcess(x.Parameter.Name)).Concat(inSet.Where(x => IsShouldProcess(x.Parameter.Name)));
    }

    private static bool IsShouldProcess(string name) => name is "WhatIf" or "Confirm";
}

/// <summary>A parameter set: its name (__AllParameterSets when the cmdlet declares none), whether it is the default, and its syntax line.</summary>
public sealed record SyntaxSet(string Name, bool IsDefault, string Text);

public sealed record ExampleHelp(string Title, string Code, IReadOnlyList<string> Remarks);

/// <summary>An input or output type and what it means.</summary>
public sealed record TypeHelp(string Name, IReadOnlyList<string> Description);

public sealed record LinkHelp(string Text, string Uri);

/// <summary>A parameter: description and the platyPS yaml block (type, default, aliases, sets, accepted values).</summary>
public sealed record ParameterHelp(
    string Name,
    IReadOnlyList<string> Description,
    string Type,
    string DefaultValue,
    bool SupportsWildcards,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<ParameterSetEntry> Sets,
    bool DontShow,
    IReadOnlyList<string> AcceptedValues)
{
    public const string AllSets = "(All)";

    public bool IsSwitch => Type == "System.Management.Automation.SwitchParameter";

    public bool IsArray => Type.EndsWith("[]", StringComparison.Ordinal);

    /// <summary>The type's name without its namespace (String, CopilotSeat[]): the value placeholder in syntax.</summary>
    public string ShortType
    {
        get
        {
            int bracket = Type.IndexOf('[');
            string bare = bracket < 0 ? Type : Type[..bracket];
            return Type[(bare.LastIndexOf('.') + 1)..];
        }
    }

    /// <summary>The entry that applies in a set: the set's own, else the (All) entry, else null (not in the set).</summary>
    public ParameterSetEntry? EntryFor(string set) =>
        Sets.FirstOrDefault(s => s.Name == set) ?? Sets.FirstOrDefault(s => s.Name == AllSets);
}

/// <summary>How a parameter behaves in one parameter set ((All) for every set). Position null means named.</summary>
public sealed record ParameterSetEntry(string Name, int? Position, bool IsRequired, bool ValueFromPipeline, bool ValueFromPipelineByPropertyName);

/// <summary>A mistake in a help markdown file, with the file and line it was found at.</summary>
public sealed class HelpFormatException : Exception
{
    public HelpFormatException(string file, int line, string message) : base(message)
    {
        File = file;
        Line = line;
    }

    public string File { get; }

    public int Line { get; }

    /// <summary>MSBuild's canonical error format, so the build lists it as an error at that line.</summary>
    public override string ToString() => $"{File}({Line}): error HELP001: {Message}";
}
