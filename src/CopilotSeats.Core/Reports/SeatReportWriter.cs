using System.Globalization;
using System.Text;

namespace CopilotSeats.Reports
{
    /// <summary>
    /// Writes a <see cref="SeatReport"/> as one self-contained HTML page: inline CSS and SVG, no script, no URL of
    /// any kind (no link, image, font or namespace reference), plain ASCII. Every value that comes from the seats
    /// or the parameters goes through <see cref="Html.Encode(string)"/>, in text and attributes alike.
    /// </summary>
    /// <remarks>
    /// What tests and readers can rely on: each headline figure is an element with data-figure (the
    /// CopilotSeatSummary property name) and data-value (the invariant number), whose text is that number with
    /// thousands separators; the charts are svg#histogram, svg#by-editor, svg#by-organization (two organizations
    /// or more) and svg#by-team; the reclaimable seats are table#reclaimable-seats; the generation time is
    /// time#generated-at with an ISO 8601 datetime. The UsageActive figure is shown only when the seats carry usage
    /// (-IncludeUsage, here or on Get-CopilotSeat), as Measure-CopilotSeat's UsageActive is null otherwise.
    /// </remarks>
    public static class SeatReportWriter
    {
        public static void Write(SeatReport report, TextWriter writer)
        {
            if (report is null) throw new ArgumentNullException(nameof(report));
            if (writer is null) throw new ArgumentNullException(nameof(writer));
            CopilotSeatSummary s = report.Summary;
            string currency = Html.Encode(report.Currency);
            string target = Html.Encode(report.Target);

            writer.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
            writer.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
            writer.Write("<title>Copilot seat report: " + target + "</title>\n<style>" + ReportStyle.Css + "</style>\n</head>\n<body>\n");

            writer.Write("<header>\n<h1>Copilot seat report</h1>\n<p class=\"subtitle\" id=\"target\">" + target + "</p>\n<dl class=\"meta\">\n");
            writer.Write("<dt>Generated</dt><dd><time id=\"generated-at\" datetime=\""
                + Html.Encode(report.GeneratedAt.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture)) + "\">"
                + Html.Encode(report.GeneratedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)) + " UTC</time></dd>\n");
            writer.Write("<dt>Inactive</dt><dd id=\"inactive-days\" data-value=\"" + Int(report.InactiveDays) + "\">no Copilot activity for "
                + Int(report.InactiveDays) + (report.InactiveDays == 1 ? " day" : " days")
                + " or more (-InactiveDays " + Int(report.InactiveDays) + "; a seat never used counts from its creation)</dd>\n");
            string prices = report.Prices.Count == 0 ? "none"
                : string.Join(", ", report.Prices.Select(p => Html.Encode(p.Key) + " " + Html.Encode(Html.Number(p.Value, 2))));
            writer.Write("<dt>Prices</dt><dd id=\"prices\">" + prices + " " + currency + " per user per month (-Price)</dd>\n</dl>\n</header>\n");

            writer.Write("<section id=\"figures\">\n<h2>Headline figures</h2>\n<div class=\"figures\">\n");
            Figure(writer, "Seats", s.Seats, "seats", Html.Number(s.Direct, 0) + " direct, " + Html.Number(s.ViaTeam, 0) + " through teams");
            Figure(writer, "Users", s.Users, "users", "each login once");
            Figure(writer, "Active", s.Active, "active users", "used Copilot, or got their seat, in the last " + DaysText(report.InactiveDays));
            Figure(writer, "Inactive", s.Inactive, "inactive users", Html.Number(s.NeverUsed, 0) + " never used");
            if (s.UsageActive.HasValue)
                Figure(writer, "UsageActive", s.UsageActive.Value, "active in the usage report", "users with an active day in GitHub's 28-day usage report");
            Figure(writer, "PendingCancellation", s.PendingCancellation, "pending cancellation", "users whose every seat ends this cycle");
            Money(writer, "MonthlyCost", s.MonthlyCost, currency, "monthly cost", "each user once, at their highest plan", saving: false);
            if (report.Credits is null)
                Money(writer, "InactiveMonthlyCost", s.InactiveMonthlyCost, currency, "saved a month by reclaiming inactive seats", "inactive users not already pending cancellation", saving: true);
            else
                Money(writer, "InactiveMonthlyCost", s.InactiveMonthlyCost, currency, "seat price of the inactive seats a month", "what reclaiming them saves with the pool: under AI credits", saving: false);
            writer.Write("</div>\n");
            if (!string.IsNullOrEmpty(report.UnknownPlanWarning))
                writer.Write("<p class=\"warning\" id=\"unknown-plans\">" + Html.Encode(report.UnknownPlanWarning) + "</p>\n");
            CreditSectionWriter.Write(writer, report);
            writer.Write("</section>\n");

            writer.Write("<div class=\"charts\">\n<section class=\"chart\" id=\"activity\">\n<h2>Days since last activity</h2>\n");
            writer.Write(SvgCharts.Histogram("histogram", "Seats by days since last activity", report.Histogram));
            writer.Write("<p class=\"note\">Seats by whole days since their last Copilot activity. \"never used\": no activity on record "
                + "(never used, or idle long enough for GitHub to clear it).</p>\n</section>\n");
            Chart(writer, "editors", "by-editor", "Seats by editor", report.ByEditor,
                "The editor of each seat's last activity; (none) without one.");
            if (report.OrganizationCount > 1)
                Chart(writer, "organizations", "by-organization", "Seats by organization", report.ByOrganization,
                    "(none): seats granted at the enterprise level.");
            Chart(writer, "teams", "by-team", "Seats by team", report.ByTeam,
                "The team that granted each seat; (direct) for seats granted to the user.");
            writer.Write("</div>\n");

            WriteReclaimable(writer, report);

            writer.Write("<footer>Written by Export-CopilotSeatReport (CopilotSeats). Headline figures count users as "
                + "Measure-CopilotSeat does; charts count seats.</footer>\n</body>\n</html>\n");
        }

        private static void WriteReclaimable(TextWriter writer, SeatReport report)
        {
            int count = report.Reclaimable.Count;
            writer.Write("<section id=\"reclaimable\">\n<h2>Reclaimable seats (<span id=\"reclaimable-count\" data-value=\"" + Int(count) + "\">"
                + Html.Encode(Html.Number(count, 0)) + "</span>)</h2>\n");
            writer.Write("<p class=\"note\">Seats without Copilot activity for " + DaysText(report.InactiveDays)
                + " or more, granted directly and not already pending cancellation: Remove-CopilotUser can cancel them. "
                + "Most inactive first. Inactive seats granted through a team are cancelled with the team (Remove-CopilotTeam) and are not listed.</p>\n");
            if (count == 0)
            {
                writer.Write("<p class=\"empty\">No reclaimable seats.</p>\n</section>\n");
                return;
            }
            writer.Write("<table id=\"reclaimable-seats\">\n<thead><tr><th>Login</th><th>Granted in</th><th>Plan</th><th>Last activity</th>"
                + "<th>Created</th><th>Editor</th><th class=\"num\">Days inactive</th><th class=\"num\">Price per month</th></tr></thead>\n<tbody>\n");
            var row = new StringBuilder();
            foreach (ReclaimableSeat seat in report.Reclaimable)
            {
                row.Clear();
                row.Append("<tr><td class=\"login\">");
                Html.Encode(seat.Login, row);
                row.Append("</td><td>");
                Html.Encode(seat.GrantedIn, row);
                row.Append("</td><td>");
                Html.Encode(seat.PlanType, row);
                row.Append("</td><td>").Append(seat.LastActivityAt is null ? "never" : Date(seat.LastActivityAt.Value));
                row.Append("</td><td>").Append(seat.CreatedAt is null ? string.Empty : Date(seat.CreatedAt.Value));
                row.Append("</td><td>");
                Html.Encode(seat.Editor, row);
                row.Append("</td><td class=\"num\">").Append(seat.DaysInactive is null ? "unknown" : Html.Encode(Html.Number(seat.DaysInactive.Value, 0)));
                row.Append("</td><td class=\"num\">");
                Html.Encode(Html.Number(seat.MonthlyPrice, 2), row);
                row.Append("</td></tr>\n");
                writer.Write(row.ToString());
            }
            writer.Write("</tbody>\n</table>\n</section>\n");
        }

        /// <summary>A chart section: its title, the bars counted in <paramref name="unit"/>s (or <paramref name="empty"/>), and a note.</summary>
        internal static void Chart(TextWriter writer, string sectionId, string svgId, string title, IReadOnlyList<ReportBar> bars, string note,
            string unit = "seat", string empty = "No seats.")
        {
            writer.Write("<section class=\"chart\" id=\"" + sectionId + "\">\n<h2>" + Html.Encode(title) + "</h2>\n");
            if (bars.Count == 0) writer.Write("<p class=\"empty\">" + Html.Encode(empty) + "</p>\n");
            else writer.Write(SvgCharts.Bars(svgId, title, bars, unit));
            writer.Write("<p class=\"note\">" + Html.Encode(note) + "</p>\n</section>\n");
        }

        /// <summary>A figure card: the count with thousands separators, a label and a note.</summary>
        private static void Figure(TextWriter writer, string name, int value, string label, string note)
        {
            writer.Write("<div class=\"figure\" id=\"figure-" + name + "\"><span class=\"value\" data-figure=\"" + name + "\" data-value=\""
                + Int(value) + "\">" + Html.Encode(Html.Number(value, 0)) + "</span>"
                + "<span class=\"label\">" + Html.Encode(label) + "</span><span class=\"note\">" + Html.Encode(note) + "</span></div>\n");
        }

        private static void Money(TextWriter writer, string name, decimal value, string encodedCurrency, string label, string note, bool saving)
        {
            writer.Write("<div class=\"figure" + (saving ? " saving" : string.Empty) + "\" id=\"figure-" + name + "\"><span class=\"value\" data-figure=\""
                + name + "\" data-value=\"" + Html.Encode(value.ToString(CultureInfo.InvariantCulture)) + "\">" + Html.Encode(Html.Number(value, 2)) + "</span> "
                + "<span class=\"unit\">" + encodedCurrency + "</span><span class=\"label\">" + Html.Encode(label) + "</span><span class=\"note\">"
                + Html.Encode(note) + "</span></div>\n");
        }

        private static string Date(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

        private static string DaysText(int days) => Int(days) + (days == 1 ? " day" : " days");
    }
}
