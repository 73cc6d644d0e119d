using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CopilotSeats.Core.Tests;

/// <summary>
/// Core is layered (ARCHITECTURE.md): a folder uses only folders below it, never one above it or beside it, so there
/// is no loop between folders. The check reads Core's sources with Roslyn's semantic model: every name that resolves
/// to a Core type or member, and every using directive, counts, whatever the syntax (qualified, using static, alias).
/// </summary>
public sealed class LayeringTests
{
    /// <summary>The layers, bottom first; a folder may use the folders of lower layers only.</summary>
    public static readonly IReadOnlyDictionary<string, int> Layers = new Dictionary<string, int>
    {
        ["Json"] = 0, ["Validation"] = 0,
        ["Auth"] = 1,
        ["Http"] = 2,
        ["Auth/App"] = 3, ["Pipeline"] = 3, ["Journal"] = 3,
        ["Seats"] = 4,
        ["Usage"] = 5, ["Billing"] = 5, ["Budgets"] = 5,
        ["Summary"] = 6, ["Diagnostics"] = 6, ["Completion"] = 6, ["Sync"] = 6,
        ["Reports"] = 7,
    };

    /// <summary>Files planted into the compilation (never on disk): Http reaching up to Seats by a qualified name, Seats up to Usage through a using.</summary>
    private static readonly (string Name, string Text)[] Planted =
    {
        ("Http/Planted.cs", "namespace CopilotSeats.Http { static class Planted { static object P() => CopilotSeats.Seats.SeatFilter.DaysInactive(null!, default); } }"),
        ("Seats/Planted.cs", "using CopilotSeats.Usage; namespace CopilotSeats.Seats { static class Planted2 { static UsageReportKind K => UsageReportKind.Users; } }"),
    };

    /// <summary>One compilation: Core's sources and the planted files.</summary>
    private static readonly Lazy<IReadOnlyList<string>> s_all = new(() => FindUses(Planted.Select(p => (Path.Combine(CoreRoot, p.Name), p.Text)).ToArray()));

    /// <summary>The uses of Core's own sources.</summary>
    private static readonly Lazy<IReadOnlyList<string>> s_uses = new(() =>
        s_all.Value.Where(line => !Planted.Any(p => line.StartsWith(p.Name + " ", StringComparison.Ordinal))).ToList());

    /// <summary>src/Directory.Build.props turns on the SDK's implicit usings; the check compiles with the same ones.</summary>
    private const string ImplicitUsings =
        "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; " +
        "global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;";

    private static string CoreRoot => Path.Combine(Repo.Root, "src", "CopilotSeats.Core");

    private static string FolderOf(string file)
    {
        string relative = Path.GetRelativePath(CoreRoot, Path.GetDirectoryName(file)!).Replace('\\', '/');
        return relative;
    }

    private static string? FolderOfNamespace(string ns)
    {
        if (!ns.StartsWith("CopilotSeats.", StringComparison.Ordinal)) return null;
        string folder = ns.Substring("CopilotSeats.".Length).Replace('.', '/');
        return Layers.ContainsKey(folder) ? folder : null;
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(CoreRoot, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar)
                && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar))
            .OrderBy(f => f, StringComparer.Ordinal);

    /// <summary>"Http/RequestEngine.cs uses Seats (CopilotSeats.Seats.SeatScope)", one line per file and folder used.</summary>
    private static IReadOnlyList<string> FindUses(params (string Path, string Text)[] extra)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = SourceFiles().Select(f => (Path: f, Text: File.ReadAllText(f))).Concat(extra)
            .Select(f => CSharpSyntaxTree.ParseText(f.Text, parse, f.Path)).ToList();
        var implicitUsings = CSharpSyntaxTree.ParseText(ImplicitUsings, parse, Path.Combine(CoreRoot, "obj", "GlobalUsings.g.cs"));
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(p => MetadataReference.CreateFromFile(p)).ToList<MetadataReference>();
        references.Add(MetadataReference.CreateFromFile(typeof(CopilotSeat).Assembly.Location));
        var compilation = CSharpCompilation.Create("CoreLayers", trees.Append(implicitUsings), references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var uses = new SortedSet<string>(StringComparer.Ordinal);
        foreach (SyntaxTree tree in trees)
        {
            string folder = FolderOf(tree.FilePath);
            string file = Path.GetRelativePath(CoreRoot, tree.FilePath).Replace('\\', '/');
            SemanticModel model = compilation.GetSemanticModel(tree);
            foreach (SyntaxNode node in tree.GetRoot().DescendantNodes())
            {
                string? ns = node switch
                {
                    UsingDirectiveSyntax { Name: not null } u when u.StaticKeyword == default && u.Alias is null => u.Name.ToString(),
                    UsingDirectiveSyntax { Name: not null } u => NamespaceOf(model.GetSymbolInfo(u.Name).Symbol),
                    SimpleNameSyntax name when name.Parent is not UsingDirectiveSyntax && name.Parent?.Parent is not UsingDirectiveSyntax =>
                        NamespaceOf(model.GetSymbolInfo(name).Symbol ?? model.GetSymbolInfo(name).CandidateSymbols.FirstOrDefault()),
                    _ => null,
                };
                string? used = ns is null ? null : FolderOfNamespace(ns);
                if (used != null && used != folder) uses.Add($"{file} uses {used} ({node.ToString().Split('\n')[0].Trim()})");
            }
        }
        return uses.ToList();
    }

    private static string? NamespaceOf(ISymbol? symbol) => symbol switch
    {
        null => null,
        INamespaceSymbol ns => ns.ToDisplayString(),
        ITypeSymbol type => (type.OriginalDefinition.ContainingNamespace)?.ToDisplayString(),
        _ => symbol.ContainingType is { } t ? NamespaceOf(t) : symbol.ContainingNamespace?.ToDisplayString(),
    };

    [Fact]
    public void Every_Core_folder_has_a_layer()
    {
        var folders = SourceFiles().Select(FolderOf).Distinct().OrderBy(f => f, StringComparer.Ordinal).ToList();
        Assert.DoesNotContain(folders, f => !Layers.ContainsKey(f));
    }

    [Fact]
    public void No_Core_folder_uses_one_above_or_beside_it()
    {
        var wrong = s_uses.Value.Where(line =>
        {
            string file = line.Substring(0, line.IndexOf(" uses ", StringComparison.Ordinal));
            string folder = file.Contains('/') ? file.Substring(0, file.LastIndexOf('/')) : string.Empty;
            string used = line.Substring(line.IndexOf(" uses ", StringComparison.Ordinal) + 6).Split(' ')[0];
            return Layers[used] >= Layers[folder];
        }).ToList();
        Assert.True(wrong.Count == 0, "Core folders that use a folder above or beside them:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void A_use_of_a_higher_folder_is_caught_however_it_is_written()
    {
        var uses = s_all.Value;
        Assert.Contains(uses, line => line.StartsWith("Http/Planted.cs uses Seats", StringComparison.Ordinal));
        Assert.Contains(uses, line => line.StartsWith("Seats/Planted.cs uses Usage (using CopilotSeats.Usage;)", StringComparison.Ordinal));
        Assert.Contains(uses, line => line.StartsWith("Seats/Planted.cs uses Usage (UsageReportKind)", StringComparison.Ordinal));
    }

    [Fact]
    public void The_check_sees_uses_across_folders()
    {
        // The layering check is only worth something if it resolves names: Seats must be seen using Http.
        Assert.Contains(s_uses.Value, line => line.StartsWith("Seats/CopilotClient.cs uses Http", StringComparison.Ordinal));
        Assert.Contains(s_uses.Value, line => line.StartsWith("Reports/", StringComparison.Ordinal) && line.Contains(" uses Summary"));
    }
}
