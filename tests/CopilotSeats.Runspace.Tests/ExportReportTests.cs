using System.Globalization;
using System.Management.Automation;
using System.Text.RegularExpressions;
using Xunit;

namespace CopilotSeats.Runspace.Tests;

/// <summary>Export-CopilotSeatReport through the real engine: parameter sets, paths, ShouldProcess, -NoClobber, errors.</summary>
public sealed class ExportReportTests : SessionTests, IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "copilotseats-export-" + Guid.NewGuid().ToString("N"));

    public ExportReportTests(PowerShellSession ps) : base(ps)
    {
        Directory.CreateDirectory(_dir);
        Ps.SetVariable("dir", _dir);
    }

    public void Dispose()
    {
        Ps.Run("$null = $ExecutionContext.SessionState.Path.SetLocation([System.IO.Path]::GetTempPath())");
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>The headline figures of a written page: data-figure name to data-value.</summary>
    private static Dictionary<string, string> Figures(string file) =>
        Regex.Matches(File.ReadAllText(file), "data-figure=\"([A-Za-z]+)\" data-value=\"([^\"]*)\"")
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

    private static void AssertMeasureFigures(Dictionary<string, string> figures, PSObject summary)
    {
        Assert.Equal(new[] { "Active", "Inactive", "InactiveMonthlyCost", "MonthlyCost", "PendingCancellation", "Seats", "Users" }, figures.Keys.OrderBy(k => k, StringComparer.Ordinal));
        foreach (var (name, value) in figures)
            Assert.Equal(Convert.ToDecimal(summary.Prop(name), CultureInfo.InvariantCulture), decimal.Parse(value, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Listed_and_piped_seats_give_Measure_CopilotSeats_figures_and_nothing_is_written_to_the_pipeline()
    {
        var listed = Ps.Run("Export-CopilotSeatReport -Path ($dir + '/listed.html') -Enterprise octo-ent -InactiveDays 45 -Price @{ business = 10; enterprise = 30 } -Token $tok -ApiUrl $api");
        Assert.Empty(listed.Ok());
        var piped = Ps.Run("Get-CopilotSeat -Enterprise octo-ent -Token $tok -ApiUrl $api | Export-CopilotSeatReport ($dir + '/piped.html') -InactiveDays 45 -Price @{ business = 10; enterprise = 30 }");
        Assert.Empty(piped.Ok());
        PSObject summary = Assert.Single(Ps.Run("Measure-CopilotSeat -Enterprise octo-ent -InactiveDays 45 -Price @{ business = 10; enterprise = 30 } -Token $tok -ApiUrl $api").Ok());
        AssertMeasureFigures(Figures(Path.Combine(_dir, "listed.html")), summary);
        AssertMeasureFigures(Figures(Path.Combine(_dir, "piped.html")), summary);
        Assert.Contains("<p class=\"subtitle\" id=\"target\">enterprise octo-ent</p>", File.ReadAllText(Path.Combine(_dir, "listed.html")));
        Assert.Contains("<p class=\"subtitle\" id=\"target\">octo-ent</p>", File.ReadAllText(Path.Combine(_dir, "piped.html")));
    }

    [Fact]
    public void A_relative_path_is_relative_to_the_PowerShell_location_and_PassThru_returns_the_file()
    {
        Assert.NotEqual(_dir, Environment.CurrentDirectory);
        PSObject file = Assert.Single(Ps.Run("$null = $ExecutionContext.SessionState.Path.SetLocation($dir); Export-CopilotSeatReport -Path ./sub/../r.html -Organization octo-lab -PassThru -Token $tok -ApiUrl $api").Ok());
        Assert.Equal("System.IO.FileInfo", file.TypeName());
        Assert.Equal(Path.Combine(_dir, "r.html"), file.Str("FullName"));
        Assert.True(File.Exists(Path.Combine(_dir, "r.html")));
        Assert.False(File.Exists(Path.Combine(Environment.CurrentDirectory, "r.html")));
        Assert.True(Convert.ToInt64(file.Prop("Length")) > 5000);
    }

    [Fact]
    public void WhatIf_and_a_declined_Confirm_list_nothing_and_write_nothing()
    {
        var r = Ps.Run("Export-CopilotSeatReport -Path ($dir + '/w.html') -Organization octo-org -WhatIf -PassThru -Token $tok -ApiUrl $api");
        Assert.Empty(r.Ok());
        Assert.Contains(r.HostLines, l => l.Contains("What if:", StringComparison.Ordinal) && l.Contains(Path.Combine(_dir, "w.html"), StringComparison.Ordinal));
        var declined = Ps.Run("Get-CopilotSeat -Organization octo-lab -Token $tok -ApiUrl $api | Select-FirstObject -First 3 | Export-CopilotSeatReport ($dir + '/c.html') -Confirm");
        Assert.Empty(declined.Ok());
        Assert.Contains(Path.Combine(_dir, "c.html"), Assert.Single(declined.Prompts));
        Assert.Empty(Directory.GetFiles(_dir));
        Assert.DoesNotContain(Requests, q => q.Path.Contains("octo-org", StringComparison.Ordinal));
    }

    [Fact]
    public void NoClobber_keeps_an_existing_file_before_any_request()
    {
        string path = Path.Combine(_dir, "kept.html");
        File.WriteAllText(path, "keep");
        var r = Ps.Run("Export-CopilotSeatReport -Path ($dir + '/kept.html') -Organization octo-org -NoClobber -Token $tok -ApiUrl $api");
        AssertError(r.Terminating, "CopilotSeats.FileExists", ErrorCategory.ResourceExists, path);
        Assert.False(string.IsNullOrEmpty(r.Terminating!.ErrorDetails?.RecommendedAction));
        Assert.Equal("keep", File.ReadAllText(path));
        Assert.Empty(Requests);
        Assert.Empty(Ps.Run("Export-CopilotSeatReport -Path ($dir + '/kept.html') -Organization octo-lab -Token $tok -ApiUrl $api").Ok());
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(path));
    }

    [Fact]
    public void Bad_prices_and_paths_stop_before_any_request()
    {
        var price = Ps.Run("Export-CopilotSeatReport -Path ($dir + '/p.html') -Organization octo-org -Price @{ business = -1 } -Token $tok -ApiUrl $api");
        AssertError(price.Terminating, "CopilotSeats.InvalidPrice", ErrorCategory.InvalidArgument);
        var folder = Ps.Run("Export-CopilotSeatReport -Path $dir -Organization octo-org -Token $tok -ApiUrl $api");
        AssertError(folder.Terminating, "CopilotSeats.InvalidPath", ErrorCategory.InvalidArgument, _dir);
        var provider = Ps.Run("Export-CopilotSeatReport -Path Env:/report -Organization octo-org -Token $tok -ApiUrl $api");
        AssertError(provider.Terminating, "CopilotSeats.InvalidPath", ErrorCategory.InvalidArgument, "Env:/report");
        AssertValidationError(Ps.Run("Export-CopilotSeatReport -Path ($dir + '/d.html') -InactiveDays 0 -Organization octo-org").Terminating, "ExportCopilotSeatReportCommand");
        Assert.Empty(Requests);
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void A_failed_listing_writes_its_error_and_no_file_and_an_empty_upstream_a_report_of_no_seats()
    {
        var r = Ps.Run("Export-CopilotSeatReport -Path ($dir + '/f.html') -Organization no-such-org -Token $tok -ApiUrl $api");
        Assert.Empty(r.Output);
        AssertError(Assert.Single(r.AllErrors), "CopilotSeats.Http404");
        Assert.False(File.Exists(Path.Combine(_dir, "f.html")));

        Assert.Empty(Ps.Run("@() | Export-CopilotSeatReport -Path ($dir + '/e.html')").Ok());
        var figures = Figures(Path.Combine(_dir, "e.html"));
        Assert.All(figures.Values, v => Assert.Equal(0m, decimal.Parse(v, CultureInfo.InvariantCulture)));
        Assert.All(Requests, q => Assert.Contains("no-such-org", q.Path)); // the empty upstream sent nothing
    }
}
