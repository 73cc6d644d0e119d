using System.Text;
using CopilotSeats.HelpBuilder;

// CopilotSeats.HelpBuilder <help-folder> <maml-file> [--check]
//   Writes the MAML that the folder's markdown makes to <maml-file> (only when its content changes), or with
//   --check only compares and fails when the file is not current. Exit codes: 0 done, 1 stale (--check),
//   2 a help file is wrong (listed as file(line): error HELP001: ... so MSBuild shows it), 3 bad arguments.
if (args.Length is < 2 or > 3 || (args.Length == 3 && args[2] != "--check"))
{
    Console.Error.WriteLine("usage: CopilotSeats.HelpBuilder <help-folder> <maml-file> [--check]");
    return 3;
}
string folder = args[0], target = args[1];
bool check = args.Length == 3;
string maml;
try
{
    maml = HelpSource.Generate(folder);
}
catch (HelpFormatException ex)
{
    Console.Error.WriteLine(ex.ToString());
    return 2;
}

// Compared with LF line endings: a checkout that turned them into CRLF is not stale.
string? current = File.Exists(target) ? File.ReadAllText(target).Replace("\r\n", "\n", StringComparison.Ordinal) : null;
if (current == maml)
{
    if (!check) File.SetLastWriteTimeUtc(target, DateTime.UtcNow);
    return 0;
}
if (check)
{
    Console.Error.WriteLine($"{target}: error HELP002: not generated from {folder}; build without CI=true, or run the HelpBuilder, and commit the file.");
    return 1;
}
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
File.WriteAllText(target, maml, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
Console.WriteLine($"{target} written from {folder}");
return 0;
