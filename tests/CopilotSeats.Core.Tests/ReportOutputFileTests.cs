using System.Text;
using CopilotSeats.Reports;

namespace CopilotSeats.Core.Tests;

/// <summary>ReportOutputFile: Export-Csv's overwrite rules (-NoClobber, -Force for read-only files), errors with the path as target, no half-written file.</summary>
public sealed class ReportOutputFileTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "copilotseats-reportfile-" + Guid.NewGuid().ToString("N"));

    public ReportOutputFileTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        foreach (string f in Directory.GetFiles(_dir)) File.SetAttributes(f, FileAttributes.Normal);
        Directory.Delete(_dir, recursive: true);
    }

    private string PathOf(string name) => Path.Combine(_dir, name);

    private static CopilotException Fails(Action action, string errorId, CopilotErrorCategory category, string path)
    {
        var ex = Assert.ThrowsAny<CopilotException>(action);
        Assert.Equal((errorId, category, (object)path), (ex.ErrorId, ex.Category, ex.TargetObject!));
        Assert.True(ex.IsTerminating);
        Assert.False(string.IsNullOrEmpty(ex.RecommendedAction));
        return ex;
    }

    [Fact]
    public void Writes_UTF8_without_BOM_and_overwrites_an_existing_file()
    {
        string path = PathOf("r.html");
        File.WriteAllText(path, "old content that is longer than the new one");
        ReportOutputFile.Write(path, noClobber: false, force: false, w => w.Write("<p>new</p>\n"));
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(Encoding.ASCII.GetBytes("<p>new</p>\n"), bytes);
    }

    [Fact]
    public void NoClobber_keeps_an_existing_file_and_writes_a_new_one()
    {
        string path = PathOf("kept.html");
        File.WriteAllText(path, "keep me");
        Fails(() => ReportOutputFile.Check(path, noClobber: true, force: true), ReportOutputFile.FileExistsId, CopilotErrorCategory.ResourceExists, path);
        Fails(() => ReportOutputFile.Write(path, noClobber: true, force: false, w => w.Write("x")), ReportOutputFile.FileExistsId, CopilotErrorCategory.ResourceExists, path);
        Assert.Equal("keep me", File.ReadAllText(path));
        string fresh = PathOf("fresh.html");
        ReportOutputFile.Write(fresh, noClobber: true, force: false, w => w.Write("new"));
        Assert.Equal("new", File.ReadAllText(fresh));
    }

    [Fact]
    public void A_folder_or_a_missing_folder_is_an_invalid_path()
    {
        Fails(() => ReportOutputFile.Check(_dir, false, false), ReportOutputFile.InvalidPathId, CopilotErrorCategory.InvalidArgument, _dir);
        string missing = Path.Combine(_dir, "no-such-folder", "r.html");
        Fails(() => ReportOutputFile.Write(missing, false, false, w => w.Write("x")), ReportOutputFile.InvalidPathId, CopilotErrorCategory.ObjectNotFound, missing);
        Assert.False(Directory.Exists(Path.GetDirectoryName(missing)));
    }

    [Fact]
    public void A_read_only_file_needs_Force_which_leaves_it_read_only()
    {
        string path = PathOf("ro.html");
        File.WriteAllText(path, "old");
        File.SetAttributes(path, FileAttributes.ReadOnly);
        Assert.True((File.GetAttributes(path) & FileAttributes.ReadOnly) != 0, "the platform cannot mark files read-only");
        Fails(() => ReportOutputFile.Write(path, false, force: false, w => w.Write("new")), ReportOutputFile.FileReadOnlyId, CopilotErrorCategory.PermissionDenied, path);
        Assert.Equal("old", File.ReadAllText(path));
        ReportOutputFile.Write(path, false, force: true, w => w.Write("new"));
        Assert.Equal("new", File.ReadAllText(path));
        Assert.True((File.GetAttributes(path) & FileAttributes.ReadOnly) != 0);
    }

    [Fact]
    public void A_write_that_fails_part_way_leaves_no_file()
    {
        string path = PathOf("half.html");
        var ex = Fails(() => ReportOutputFile.Write(path, false, false, w => { w.Write(new string('x', 100_000)); throw new IOException("disk full"); }),
            ReportOutputFile.WriteFailedId, CopilotErrorCategory.WriteError, path);
        Assert.Contains("disk full", ex.Message);
        Assert.False(File.Exists(path));
        Assert.Throws<InvalidOperationException>(() => ReportOutputFile.Write(path, false, false, _ => throw new InvalidOperationException("bug")));
        Assert.False(File.Exists(path));
    }
}
