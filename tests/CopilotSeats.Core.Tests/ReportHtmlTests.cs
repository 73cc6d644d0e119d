using System.Globalization;
using System.Text.RegularExpressions;
using CopilotSeats.Reports;
using CopilotSeats.Summary;

using static CopilotSeats.Core.Tests.TestSeats;

namespace CopilotSeats.Core.Tests;

/// <summary>The HTML page: every value encoded in text and attributes, only known tags, no script, no URL, figures as given, bars proportional.</summary>
public class ReportHtmlTests
{
    private const string Script = "<script>alert(1)</script>";
    private const string Breakout = "\"><img src=x onerror=alert(1)>";
    private const string Quote = "' onmouseover='alert(1)";

    /// <summary>Elements the page may contain; anything else (script, img, link, iframe, a, object, ...) fails.</summary>
    private static readonly HashSet<string> AllowedTags = new(StringComparer.Ordinal)
    {
        "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "p", "dl", "dt", "dd", "time", "section", "div", "span",
        "svg", "g", "rect", "text", "line", "table", "thead", "tbody", "tr", "th", "td", "footer",
    };

    private static string Page(IEnumerable<CopilotSeat> seats, string? target = "organization o", IReadOnlyDictionary<string, decimal>? prices = null, string? currency = null)
    {
        var builder = new SeatReportBuilder(30, prices, currency, Now, target);
        builder.Add(seats);
        var writer = new StringWriter();
        SeatReportWriter.Write(builder.Complete(), writer);
        return writer.ToString();
    }

    private static IEnumerable<CopilotSeat> Ordinary() => new[]
    {
        Seat("octocat", 2), Seat("mona", 45), Seat("hubot", null), Seat("team-user", 100, team: "team-1"), Seat("leaving", 100, pending: true),
        Seat("lab-user", 10, org: "octo-lab", editor: "JetBrains-IU/2024.1"), Seat("ent-user", 70, org: "octo-lab", plan: "enterprise"),
    };

    private static IEnumerable<CopilotSeat> Hostile() => new[]
    {
        Seat(Script, 50, org: Breakout, editor: Quote + "/1.0"), Seat("x" + Breakout, 60, team: Script), Seat(Quote, null, org: "o&<>", plan: Script),
    };

    [Theory]
    [InlineData("plain-login_1", "plain-login_1")]
    [InlineData("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("a&b \"c\" 'd'", "a&amp;b &quot;c&quot; &#39;d&#39;")]
    [InlineData("M\u00FCller \u2014 \u00E9", "M&#xFC;ller &#x2014; &#xE9;")]
    [InlineData("smile \U0001F600", "smile &#x1F600;")]
    [InlineData("tab\tlf\ncr\r", "tab\tlf\ncr\r")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Encode_escapes_markup_quotes_and_everything_outside_printable_ASCII(string? value, string expected) =>
        Assert.Equal(expected, Html.Encode(value));

    [Fact]
    public void Encode_replaces_what_HTML_cannot_carry()
    {
        Assert.Equal("lone &#xFFFD; surrogate &#xFFFD;", Html.Encode("lone \uD800 surrogate \uDC00"));
        Assert.Equal("nul&#xFFFD;bell&#xFFFD;del&#xFFFD;c1&#xFFFD;", Html.Encode("nul\0bell\u0007del\u007Fc1\u0085"));
        Assert.Equal("&#xFFFD;&#xFFFD;&#xFFFD;", Html.Encode("\uFFFE\uFDD0\U0001FFFF"));
    }

    [Fact]
    public void Shorten_cuts_with_an_ellipsis_and_never_inside_a_surrogate_pair()
    {
        Assert.Equal("short", Html.Shorten("short", 10));
        Assert.Equal("abcd\u2026", Html.Shorten("abcdefgh", 5));
        Assert.Equal("abc\u2026", Html.Shorten("abc\U0001F600def", 5));
    }

    [Fact]
    public void Hostile_values_are_text_in_every_context_and_the_page_has_only_known_tags()
    {
        string page = Page(Ordinary().Concat(Hostile()), target: Script, prices: new Dictionary<string, decimal> { [Script] = 1m, ["business"] = 19m }, currency: Breakout);
        // Every tag is a known element whose attributes are name="value" with nothing unescaped inside.
        var tags = Regex.Matches(page, "<(?!!DOCTYPE)/?([A-Za-z][A-Za-z0-9-]*)([^<>]*)>");
        Assert.True(tags.Count > 50);
        foreach (Match tag in tags)
        {
            Assert.Contains(tag.Groups[1].Value, AllowedTags);
            Assert.Matches("^(\\s+[A-Za-z][A-Za-z0-9-]*=\"[^\"<>]*\")*\\s*/?$", tag.Groups[2].Value);
        }
        // No markup outside tags: every < starts one of the tags above.
        Assert.Equal(tags.Count + 1, page.Count(c => c == '<'));
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(" on[a-z]+=\"", page);
        // The values are there, encoded: in the table, the charts' labels and tooltips, data-label attributes, title and meta.
        string script = Html.Encode(Script);
        Assert.Contains("<td class=\"login\">" + script + "</td>", page);
        Assert.Contains("<title>Copilot seat report: " + script + "</title>", page);
        Assert.Contains("data-label=\"" + script + "\"", page);                    // the team chart
        Assert.Contains("data-label=\"" + Html.Encode(Breakout) + "\"", page);      // the organization chart
        Assert.Contains("data-label=\"" + Html.Encode(Quote) + "\"", page);         // the editor chart
        Assert.Contains("<td>" + Html.Encode("o&<>") + "</td>", page);
        Assert.Contains(Html.Encode(Breakout) + "</span>", page);                   // the currency
        Assert.All(page, c => Assert.True(c < 0x7F, $"U+{(int)c:X4} in the page"));
    }

    [Fact]
    public void The_page_references_nothing_outside_itself()
    {
        string page = Page(Ordinary());
        foreach (string banned in new[] { "http:", "https:", "//", "url(", "@import", "src=", "href=", "xmlns", "<link", "<script", "<iframe", "<object", "<embed", "@font-face" })
            Assert.DoesNotContain(banned, page, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">", page);
        Assert.Contains("@media print", page);
    }

    [Fact]
    public void The_page_shows_the_headline_figures_target_time_threshold_and_prices()
    {
        var seats = Ordinary().ToList();
        var summarizer = new SeatSummarizer(30, null, null, SeatGrouping.None, Now);
        summarizer.Add(seats);
        CopilotSeatSummary expected = summarizer.Complete()[0];
        string page = Page(seats);
        foreach (string name in new[] { "Seats", "Users", "Active", "Inactive", "PendingCancellation" })
        {
            int value = (int)typeof(CopilotSeatSummary).GetProperty(name)!.GetValue(expected)!;
            Assert.Contains($"data-figure=\"{name}\" data-value=\"{value}\">{value:N0}</span>", page);
        }
        Assert.Contains($"data-figure=\"MonthlyCost\" data-value=\"{expected.MonthlyCost.ToString(CultureInfo.InvariantCulture)}\">{expected.MonthlyCost.ToString("N2", CultureInfo.InvariantCulture)}</span> <span class=\"unit\">USD</span>", page);
        Assert.Contains($"data-figure=\"InactiveMonthlyCost\" data-value=\"{expected.InactiveMonthlyCost.ToString(CultureInfo.InvariantCulture)}\">", page);
        Assert.True(expected.InactiveMonthlyCost > 0);
        Assert.Contains("<p class=\"subtitle\" id=\"target\">organization o</p>", page);
        Assert.Contains("<time id=\"generated-at\" datetime=\"2026-11-22T12:00:00.0000000+00:00\">2026-11-22 12:00 UTC</time>", page);
        Assert.Contains("id=\"inactive-days\" data-value=\"30\"", page);
        Assert.Contains("<dd id=\"prices\">business 19.00, enterprise 39.00 USD per user per month", page);
        Assert.Contains("id=\"by-organization\"", page);   // two organizations: the chart is there
        Assert.DoesNotContain("id=\"by-organization\"", Page(new[] { Seat("a"), Seat("b") }));
    }

    [Theory]
    [InlineData(1, "1 day")]
    [InlineData(30, "30 days")]
    public void One_day_is_said_in_the_singular_in_the_captions(int inactiveDays, string said)
    {
        var builder = new SeatReportBuilder(inactiveDays, null, null, Now, "organization o");
        builder.Add(new[] { Seat("octocat", 2) });
        var writer = new StringWriter();
        SeatReportWriter.Write(builder.Complete(), writer);
        Assert.Contains($"in the last {said}</span>", writer.ToString());
        Assert.Contains($"Seats without Copilot activity for {said} or more,", writer.ToString());
    }

    [Fact]
    public void The_active_caption_says_a_seat_still_in_its_first_days_counts_as_active_not_only_one_that_used_Copilot()
    {
        // A seat never used, created 3 days ago, is Active (the grace rule of -InactiveDays): "used Copilot" alone would be untrue.
        string page = Page(new[] { Seat("octocat", 2), Seat("fresh", null, createdDaysAgo: 3), Seat("idle", null) });
        Assert.Contains("data-figure=\"Active\" data-value=\"2\"", page);
        Assert.Contains("<span class=\"label\">active users</span><span class=\"note\">used Copilot, or got their seat, in the last 30 days</span>", page);
        Assert.Contains("<span class=\"note\">2 never used</span>", page); // "fresh" among them: the caption above says why it is active
        Assert.DoesNotContain(">used Copilot in the last", page);
    }

    [Fact]
    public void The_reclaimable_table_lists_the_rows_in_order()
    {
        string page = Page(Ordinary());
        var logins = Regex.Matches(page, "<td class=\"login\">([^<]*)</td>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(new[] { "hubot", "ent-user", "mona" }, logins);   // hubot: never used, 400 days since creation
        Assert.Contains("<span id=\"reclaimable-count\" data-value=\"3\">3</span>", page);
        Assert.Contains("<td class=\"login\">hubot</td><td>o</td><td>business</td><td>never</td><td>2025-10-18</td><td></td><td class=\"num\">400</td><td class=\"num\">19.00</td>", page);
        Assert.Contains("No reclaimable seats.", Page(new[] { Seat("busy") }));
        Assert.DoesNotContain("<table", Page(new[] { Seat("busy") }));
    }

    [Fact]
    public void Bars_are_proportional_to_their_counts_and_the_largest_is_full_length()
    {
        var bars = new[] { new ReportBar("a", 40), new ReportBar("b", 30), new ReportBar("c", 7), new ReportBar("d", 1), new ReportBar("e", 0) };
        string svg = SvgCharts.Bars("chart", "Chart", bars);
        var drawn = Regex.Matches(svg, "data-count=\"(\\d+)\">.*?<rect x=\"[\\d.]+\" y=\"[\\d.]+\" width=\"([\\d.]+)\"")
            .Select(m => (Count: int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), Width: decimal.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(bars.Select(b => b.Count), drawn.Select(d => d.Count));
        Assert.Equal(SvgCharts.MaxBarWidth, drawn[0].Width);
        foreach (var (count, width) in drawn)
            Assert.InRange(width, SvgCharts.MaxBarWidth * count / 40 - 0.01m, SvgCharts.MaxBarWidth * count / 40 + 0.01m);

        var columns = new[] { new ReportBar("0-7", 10), new ReportBar("8-30", 25), new ReportBar("never used", 5) };
        string histogram = SvgCharts.Histogram("h", "H", columns);
        var heights = Regex.Matches(histogram, "data-count=\"(\\d+)\">.*?<rect [^>]*height=\"([\\d.]+)\"")
            .Select(m => (Count: int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), Height: decimal.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(new[] { (10, 64m), (25, SvgCharts.MaxColumnHeight), (5, 32m) }, heights);
        Assert.Contains("class=\"bucket never\" data-bucket=\"never used\"", histogram);
        Assert.Equal(0m, SvgCharts.Length(0, 0, 100m));
    }

    [Fact]
    public void A_chart_of_many_groups_shows_the_largest_and_one_bar_for_the_rest()
    {
        var bars = Enumerable.Range(1, 30).Select(i => new ReportBar("team-" + i, 100 - i)).ToList();
        var shown = SvgCharts.Fold(bars);
        Assert.Equal(SvgCharts.MaxBars, shown.Count);
        Assert.Equal(bars.Take(SvgCharts.MaxBars - 1).Select(b => b.Label), shown.Take(SvgCharts.MaxBars - 1).Select(b => b.Label));
        Assert.Equal(("(19 others)", bars.Skip(SvgCharts.MaxBars - 1).Sum(b => b.Count)), (shown[^1].Label, shown[^1].Count));
        Assert.Equal(bars.Sum(b => b.Count), shown.Sum(b => b.Count));
        var twelve = bars.Take(SvgCharts.MaxBars).ToList();
        Assert.Same(twelve, SvgCharts.Fold(twelve));
    }
}
