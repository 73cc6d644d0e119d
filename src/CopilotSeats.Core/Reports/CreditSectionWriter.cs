using System.Globalization;

namespace CopilotSeats.Reports
{
    /// <summary>
    /// The report's AI-credit part: without -IncludeCredits one sentence (savings assume no pooled credits); with it but
    /// no credit report (its error was written) one sentence saying so (p#credits-unread-note); with the report a
    /// section#credits holding the honest saving sentence (p#reclaim-sentence), the pool figures (data-credit, the
    /// CopilotSeatSummary property name, and data-value, the invariant number), the pool as svg#credit-pool, credits
    /// by model (svg#credits-by-model) and by product (svg#credits-by-product), and with usage the 10 users with the
    /// most credits (svg#credits-by-user).
    /// </summary>
    internal static class CreditSectionWriter
    {
        public const string NoPoolNote = "Seat prices only: savings assume no pooled credits. Since June 2026 a cancelled seat also takes its AI credits out of the pool; Export-CopilotSeatReport -IncludeCredits shows what reclaiming really saves.";

        public const string UnreadNote = "Seat prices only: the AI-credit usage report could not be read (see the error written), so the saving shown is the seat price, not what reclaiming saves under the pool.";

        public static void Write(TextWriter writer, SeatReport report)
        {
            CreditSection? credits = report.Credits;
            CopilotSeatSummary s = report.Summary;
            if (credits is null || s.IncludedCredits is null)
            {
                writer.Write(report.CreditsAsked ? "<p class=\"note\" id=\"credits-unread-note\">" + Html.Encode(UnreadNote) + "</p>\n"
                    : "<p class=\"note\" id=\"no-pool-note\">" + Html.Encode(NoPoolNote) + "</p>\n");
                return;
            }
            decimal saving = s.ReclaimSavingUsd ?? 0, back = s.InactiveMonthlyCost - saving;
            writer.Write("<section id=\"credits\">\n<h2>AI credits this month</h2>\n<p class=\"sentence\" id=\"reclaim-sentence\">"
                + Html.Encode(string.Format(CultureInfo.InvariantCulture, "Reclaiming {0} inactive seat{1} saves {2} USD a month at the current usage; {3} USD of their price would come back as overage.",
                    Html.Number(credits.ReclaimableUsers, 0), credits.ReclaimableUsers == 1 ? string.Empty : "s", Html.Number(saving, 2), Html.Number(back, 2)))
                + "</p>\n<div class=\"figures\">\n");
            Figure(writer, "IncludedCredits", s.IncludedCredits, 0, "credits in the pool", "estimate: each user's plan allowance");
            Figure(writer, "CreditsUsed", s.CreditsUsed, 0, "credits used", "billed, month to date");
            Figure(writer, "ProjectedCredits", s.ProjectedCredits, 0, "credits projected", "month to date scaled to the month");
            Figure(writer, "PoolUtilisation", s.PoolUtilisation * 100, 0, "% of the pool", "projected use over the pool (at least the credits GitHub covered)");
            Figure(writer, "OverageUsd", s.OverageUsd, 2, "USD overage so far", "billed beyond the pool");
            Figure(writer, "ProjectedOverageUsd", s.ProjectedOverageUsd, 2, "USD overage projected", "this month at the projected use");
            Figure(writer, "ReclaimSavingUsd", s.ReclaimSavingUsd, 2, "USD saved a month", "reclaiming, once the pool has shrunk");
            writer.Write("</div>\n");
            var pool = new[]
            {
                new ReportBar("in the pool (estimate)", Whole(s.IncludedCredits)),
                new ReportBar("used so far", Whole(s.CreditsUsed)),
                new ReportBar("projected this month", Whole(s.ProjectedCredits)),
                new ReportBar("projected overage", Whole(s.ProjectedOverageUsd / Billing.CreditPool.UsdPerCredit)),
            };
            writer.Write(SvgCharts.Bars("credit-pool", "The AI-credit pool this month", pool, "credit"));
            writer.Write("<div class=\"charts\">\n");
            Chart(writer, "credits-by-model", "Credits by model", credits.ByModel, "Billed credits this month per model.");
            Chart(writer, "credits-by-product", "Credits by product", credits.ByProduct, "Billed credits this month per product.");
            if (credits.TopUsers.Count > 0)
                Chart(writer, "credits-by-user", "The 10 users with the most credits", credits.TopUsers, "From the usage report's ai_credits_used: a metrics signal to rank by, not a billed total.");
            writer.Write("</div>\n</section>\n");
        }

        private static int Whole(decimal? value) => (int)Math.Round(Math.Max(0, value ?? 0));

        private static void Chart(TextWriter writer, string id, string title, IReadOnlyList<ReportBar> bars, string note) =>
            SeatReportWriter.Chart(writer, id + "-section", id, title, bars, note, "credit", "No usage.");

        private static void Figure(TextWriter writer, string name, decimal? value, int decimals, string label, string note)
        {
            // A figure that cannot be given (PoolUtilisation of a pool of 0) is "n/a" with an empty data-value, not 0.
            string data = value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, shown = value is decimal v ? Html.Number(v, decimals) : "n/a";
            writer.Write("<div class=\"figure\" id=\"credit-" + name + "\"><span class=\"value\" data-credit=\"" + name + "\" data-value=\""
                + Html.Encode(data) + "\">" + Html.Encode(shown) + "</span>"
                + "<span class=\"label\">" + Html.Encode(label) + "</span><span class=\"note\">" + Html.Encode(note) + "</span></div>\n");
        }
    }
}
