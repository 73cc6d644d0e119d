using System.Globalization;
using System.Text;

namespace CopilotSeats.Reports
{
    /// <summary>
    /// The report's charts as inline SVG (no script, no external reference, no namespace URL: inline SVG in HTML
    /// needs none). Every bar is a &lt;g&gt; with data-label (or data-bucket) and data-count, a &lt;title&gt; tooltip and
    /// its count as text; every label is encoded by <see cref="Html.Encode(string)"/>. Bar lengths are proportional
    /// to the counts, the largest bar taking the full length.
    /// </summary>
    public static class SvgCharts
    {
        /// <summary>Bars shown at most in a bar chart; beyond, the smallest groups share one "(n others)" bar.</summary>
        public const int MaxBars = 12;
        /// <summary>Length of the largest horizontal bar, in SVG units.</summary>
        public const decimal MaxBarWidth = 300m;
        /// <summary>Height of the largest histogram column, in SVG units.</summary>
        public const decimal MaxColumnHeight = 160m;
        /// <summary>Characters of a label shown beside a bar (the whole label is in the tooltip and data-label).</summary>
        public const int MaxLabelLength = 26;

        private const int Width = 560;
        private const int LabelRight = 186;
        private const int BarLeft = 194;
        private const int RowHeight = 24;
        private const int BarHeight = 16;

        /// <summary>The bars a chart shows: the largest <see cref="MaxBars"/> - 1 and one bar for the rest, or all when they fit.</summary>
        public static IReadOnlyList<ReportBar> Fold(IReadOnlyList<ReportBar> bars)
        {
            if (bars is null) throw new ArgumentNullException(nameof(bars));
            if (bars.Count <= MaxBars) return bars;
            var shown = bars.Take(MaxBars - 1).ToList();
            int others = bars.Count - shown.Count;
            shown.Add(new ReportBar(string.Format(CultureInfo.InvariantCulture, "({0:N0} others)", others), bars.Skip(MaxBars - 1).Sum(b => b.Count), "(others)"));
            return shown;
        }

        /// <summary>A horizontal bar chart of seats per group, largest first as given.</summary>
        public static string Bars(string id, string title, IReadOnlyList<ReportBar> bars, string unit = "seat")
        {
            if (bars is null) throw new ArgumentNullException(nameof(bars));
            var sb = new StringBuilder();
            IReadOnlyList<ReportBar> shown = Fold(bars);
            int height = shown.Count * RowHeight + 8;
            int max = shown.Count == 0 ? 0 : shown.Max(b => b.Count);
            sb.Append("<svg id=\"").Append(Html.Encode(id)).Append("\" class=\"chart-svg\" role=\"img\" aria-label=\"").Append(Html.Encode(title))
              .Append("\" width=\"").Append(Width).Append("\" height=\"").Append(height).Append("\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(height).Append("\">\n");
            for (int i = 0; i < shown.Count; i++)
            {
                ReportBar bar = shown[i];
                int y = 4 + i * RowHeight;
                decimal width = Length(bar.Count, max, MaxBarWidth);
                string label = Html.Encode(bar.Label);
                sb.Append("<g class=\"bar\" data-label=\"").Append(label).Append("\" data-count=\"").Append(Int(bar.Count)).Append("\">")
                  .Append("<title>").Append(label).Append(": ").Append(Html.Encode(Count(bar.Count, unit))).Append("</title>")
                  .Append("<text class=\"label\" x=\"").Append(LabelRight).Append("\" y=\"").Append(y + 12).Append("\" text-anchor=\"end\">")
                  .Append(Html.Encode(Html.Shorten(bar.Label, MaxLabelLength))).Append("</text>")
                  .Append("<rect x=\"").Append(BarLeft).Append("\" y=\"").Append(y).Append("\" width=\"").Append(Dec(width))
                  .Append("\" height=\"").Append(BarHeight).Append("\" rx=\"2\"/>")
                  .Append("<text class=\"count\" x=\"").Append(Dec(BarLeft + width + 6)).Append("\" y=\"").Append(y + 12).Append("\">")
                  .Append(Html.Encode(Html.Number(bar.Count, 0))).Append("</text></g>\n");
            }
            sb.Append("</svg>\n");
            return sb.ToString();
        }

        /// <summary>The days-inactive histogram: one column per bucket, in the order given; the last ("never used") greyed.</summary>
        public static string Histogram(string id, string title, IReadOnlyList<ReportBar> buckets)
        {
            if (buckets is null) throw new ArgumentNullException(nameof(buckets));
            const int height = 250;
            const int baseline = 200;
            var sb = new StringBuilder();
            int max = buckets.Count == 0 ? 0 : buckets.Max(b => b.Count);
            decimal slot = buckets.Count == 0 ? 0 : (Width - 20m) / buckets.Count;
            decimal columnWidth = Math.Min(64m, slot * 0.7m);
            sb.Append("<svg id=\"").Append(Html.Encode(id)).Append("\" class=\"chart-svg\" role=\"img\" aria-label=\"").Append(Html.Encode(title))
              .Append("\" width=\"").Append(Width).Append("\" height=\"").Append(height).Append("\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(height).Append("\">\n");
            sb.Append("<line class=\"axis\" x1=\"10\" y1=\"").Append(baseline).Append("\" x2=\"").Append(Width - 10).Append("\" y2=\"").Append(baseline).Append("\"/>\n");
            for (int i = 0; i < buckets.Count; i++)
            {
                ReportBar bucket = buckets[i];
                decimal center = 10m + slot * i + slot / 2;
                decimal h = Length(bucket.Count, max, MaxColumnHeight);
                string label = Html.Encode(bucket.Label);
                bool never = i == buckets.Count - 1 && bucket.Key == SeatReportBuilder.LabelOf(InactivityBucket.NeverUsed);
                sb.Append("<g class=\"bucket").Append(never ? " never" : string.Empty).Append("\" data-bucket=\"").Append(Html.Encode(bucket.Key))
                  .Append("\" data-count=\"").Append(Int(bucket.Count)).Append("\">")
                  .Append("<title>").Append(label).Append(never ? string.Empty : " days").Append(": ").Append(Html.Encode(Seats(bucket.Count))).Append("</title>")
                  .Append("<rect x=\"").Append(Dec(center - columnWidth / 2)).Append("\" y=\"").Append(Dec(baseline - h)).Append("\" width=\"").Append(Dec(columnWidth))
                  .Append("\" height=\"").Append(Dec(h)).Append("\" rx=\"2\"/>")
                  .Append("<text class=\"count\" x=\"").Append(Dec(center)).Append("\" y=\"").Append(Dec(baseline - h - 6)).Append("\" text-anchor=\"middle\">")
                  .Append(Html.Encode(Html.Number(bucket.Count, 0))).Append("</text>")
                  .Append("<text class=\"label\" x=\"").Append(Dec(center)).Append("\" y=\"").Append(baseline + 18).Append("\" text-anchor=\"middle\">")
                  .Append(label).Append("</text></g>\n");
            }
            sb.Append("<text class=\"caption\" x=\"").Append(Width / 2).Append("\" y=\"").Append(height - 8)
              .Append("\" text-anchor=\"middle\">days since last activity</text>\n");
            sb.Append("</svg>\n");
            return sb.ToString();
        }

        /// <summary>The length of a bar for <paramref name="count"/> when <paramref name="max"/> takes <paramref name="full"/> (two decimals).</summary>
        public static decimal Length(int count, int max, decimal full) =>
            max <= 0 || count <= 0 ? 0m : Math.Round(full * count / max, 2, MidpointRounding.AwayFromZero);

        private static string Seats(int count) => Count(count, "seat");

        private static string Count(int count, string unit) => Html.Number(count, 0) + " " + unit + (count == 1 ? string.Empty : "s");

        private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

        private static string Dec(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
    }
}
