using System.Globalization;
using CopilotSeats.Billing;
using CopilotSeats.Seats;

namespace CopilotSeats.Summary
{
    /// <summary>What Measure-CopilotSeat groups by.</summary>
    public enum SeatGrouping { None, Organization, Team, Editor, PlanType }

    /// <summary>
    /// Streaming seat summary: seats are added one page at a time and only per-group counters and one small
    /// record per unique login and group are kept, so memory follows unique users and groups, not rows.
    /// </summary>
    /// <remarks>
    /// Rules (per summary, i.e. per group with <see cref="SeatGrouping"/>):
    /// <list type="bullet">
    /// <item>Seats, Direct and ViaTeam count rows; Direct + ViaTeam = Seats.</item>
    /// <item>Users counts unique logins (case-insensitive; the user id when a row has no login): an enterprise
    /// user seated through two organizations counts once. Every other count is of users. A row without an
    /// assignee (a deleted account: no login, no id) is a seat but no user: it counts in Seats, Direct/ViaTeam
    /// and the unpriced-plan warning, not in Users, the user counts or the cost.</item>
    /// <item>A user is Active when any of their seats is active: its DaysInactive (see <see cref="SeatFilter"/>) is
    /// below InactiveDays, the same rule as Get-CopilotSeat -InactiveDays. Otherwise the user is Inactive, so
    /// Active + Inactive = Users, and a never-used seat is inactive once it is InactiveDays old.</item>
    /// <item>NeverUsed: users with no LastActivityAt on any seat. PendingCancellation: users all of whose seats
    /// are pending cancellation (a user with one seat still running is billed).</item>
    /// <item>A user's plan is the highest-priced plan type among their seats (equal prices: enterprise, then
    /// business); Business and Enterprise count users by that plan, and MonthlyCost adds each user once at its
    /// price. InactiveMonthlyCost adds the inactive users not pending cancellation: what reclaiming them saves.</item>
    /// <item>UsageActive (only when some seat carries a usage report, i.e. came from Get-CopilotSeat -IncludeUsage): users
    /// with at least one active day in that report on any of their seats; otherwise null.</item>
    /// <item>A plan type missing from the price table (or no plan type) costs 0; such rows are counted for one warning.</item>
    /// <item>With grouping, each group is summarised on its own (a user in two teams counts in both) and the
    /// summaries are sorted by Seats descending, then Name.</item>
    /// </list>
    /// </remarks>
    public sealed class SeatSummarizer : SeatSink, ICreditSink
    {
        public const string DirectGroup = "(direct)";
        public const string NoneGroup = "(none)";
        private const int MaxNamesKept = 10;

        private readonly int _inactiveDays;
        private readonly IReadOnlyDictionary<string, decimal> _prices;
        private readonly string _currency;
        private readonly SeatGrouping _grouping;
        private readonly DateTimeOffset _now;
        private readonly string? _name;
        private readonly Dictionary<string, Group> _groups = new Dictionary<string, Group>(StringComparer.OrdinalIgnoreCase);
        private readonly List<string> _seenNames = new List<string>();
        private readonly SortedSet<string> _unknownPlans = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        private int _unknownPlanSeats;
        private int _noAllowanceSeats;

        /// <param name="inactiveDays">Active/Inactive threshold, at least 1.</param>
        /// <param name="prices">Monthly price per user per plan type; null for <see cref="SeatPrices.ListPrices"/>.</param>
        /// <param name="currency">Currency of <paramref name="prices"/>.</param>
        /// <param name="grouping">One summary per group, or <see cref="SeatGrouping.None"/> for one in all.</param>
        /// <param name="now">The time DaysInactive is counted to.</param>
        /// <param name="name">Name of the single summary (the listed org or enterprise); null to take it from the seats.</param>
        public SeatSummarizer(int inactiveDays, IReadOnlyDictionary<string, decimal>? prices, string? currency, SeatGrouping grouping, DateTimeOffset now, string? name = null)
        {
            if (inactiveDays < 1) throw new ArgumentOutOfRangeException(nameof(inactiveDays), "inactiveDays must be at least 1.");
            _inactiveDays = inactiveDays;
            _prices = prices ?? SeatPrices.ListPrices;
            _currency = string.IsNullOrEmpty(currency) ? SeatPrices.DefaultCurrency : currency!;
            _grouping = grouping;
            _now = now;
            _name = name;
        }

        /// <summary>Included AI credits per user per plan type (-IncludedCredits); GitHub's allowances by default.</summary>
        public IReadOnlyDictionary<string, decimal> CreditAllowances { get; set; } = CreditPool.Allowances;

        /// <summary>The time DaysInactive is counted to, and where in the month the credit projection stands.</summary>
        public DateTimeOffset Now => _now;

        /// <summary>The target's AI-credit usage this month (-IncludeCredits): the summary (without grouping) gets the pool figures.</summary>
        public CreditTotals? Credits { get; private set; }

        public void AddCredits(CreditUsageReport report) { lock (Sync) Credits = CreditTotals.Of(report.Items); }

        /// <summary>Of the last summary without grouping: the inactive users not pending cancellation (whose seats reclaiming cancels).</summary>
        public int ReclaimableUsers { get; private set; }

        /// <summary>Rows whose plan type the price table does not list (priced at 0).</summary>
        public int UnknownPlanSeats { get { lock (Sync) return _unknownPlanSeats; } }

        /// <summary>Those plan types ("(none)" for a row without one), at most 10.</summary>
        public IReadOnlyList<string> UnknownPlanTypes { get { lock (Sync) return _unknownPlans.ToList(); } }

        /// <summary>The one warning about unpriced plan types, or null when every row had a price.</summary>
        public string? UnknownPlanWarning()
        {
            lock (Sync)
            {
                if (_unknownPlanSeats == 0) return null;
                return string.Format(CultureInfo.InvariantCulture,
                    "{0} seat(s) have a plan type that -Price does not list ({1}); they are counted at a price of 0.",
                    _unknownPlanSeats, string.Join(", ", _unknownPlans));
            }
        }

        /// <summary>With credits, the one warning about seats whose plan has no included credits in the table (they add 0 to the pool estimate); else null.</summary>
        public string? NoAllowanceWarning()
        {
            lock (Sync)
            {
                if (_noAllowanceSeats == 0 || Credits is null) return null;
                return string.Format(CultureInfo.InvariantCulture,
                    "{0} seat(s) have a plan with no known AI-credit allowance; they add 0 credits to the estimated pool. Pass -IncludedCredits with their plan type.",
                    _noAllowanceSeats);
            }
        }

        protected override void AddLocked(CopilotSeat seat)
        {
            if (seat is null) return;
            string groupName = GroupOf(seat);
            if (!_groups.TryGetValue(groupName, out Group? group))
            {
                group = new Group(groupName);
                _groups.Add(groupName, group);
            }
            if (_grouping == SeatGrouping.None && _name is null) NoteName(seat.Enterprise ?? seat.Organization);

            group.Seats++;
            if (string.IsNullOrEmpty(seat.AssigningTeam)) group.Direct++; else group.ViaTeam++;

            decimal price;
            if (seat.PlanType is null || !_prices.TryGetValue(seat.PlanType, out price))
            {
                price = 0m;
                _unknownPlanSeats++;
                if (_unknownPlans.Count < MaxNamesKept) _unknownPlans.Add(seat.PlanType ?? NoneGroup);
            }

            // A seat without an assignee (a deleted account) is a row, not a user: it counts in Seats, Direct or
            // ViaTeam and the plan-type warning only.
            if (!SeatMapper.HasAssignee(seat)) return;
            string key = UserKey(seat);
            if (!group.Users.TryGetValue(key, out UserTally? user))
            {
                user = new UserTally();
                group.Users.Add(key, user);
            }
            bool active = !SeatFilter.IsInactive(SeatFilter.DaysInactive(seat, _now), _inactiveDays);
            user.AnyActive |= active;
            user.AnyActivity |= seat.LastActivityAt.HasValue;
            user.AllPending &= seat.PendingCancellationDate.HasValue;
            if (seat.UsageReportEndDay.HasValue) group.HasUsage = true;
            if (seat.UsageActiveDays > 0) user.UsageActive = true;
            if (seat.UsageAiCreditsUsed is decimal signal) user.AiCredits = Math.Max(user.AiCredits, signal);
            if (seat.PlanType != null && CreditAllowances.TryGetValue(seat.PlanType, out decimal allowance)) user.Allowance = Math.Max(user.Allowance, allowance);
            else _noAllowanceSeats++;
            int rank = SeatPrices.Rank(seat.PlanType);
            if (!user.HasPlan || price > user.Price || (price == user.Price && rank > user.Rank))
            {
                user.HasPlan = true;
                user.Price = price;
                user.Rank = rank;
            }
        }

        /// <summary>The summaries: one (even for no seats) without grouping, else one per group sorted by Seats descending, then Name.</summary>
        public IReadOnlyList<CopilotSeatSummary> Complete()
        {
            lock (Sync)
            {
                if (_grouping == SeatGrouping.None)
                {
                    string? name = _name ?? (_seenNames.Count == 0 ? null : string.Join(", ", _seenNames));
                    _groups.TryGetValue(string.Empty, out Group? all);
                    return new[] { Summarize(name, all) };
                }
                return _groups.Values
                    .OrderByDescending(g => g.Seats)
                    .ThenBy(g => g.Name, StringComparer.OrdinalIgnoreCase)
                    .Select(g => Summarize(g.Name, g))
                    .ToList();
            }
        }

        private CopilotSeatSummary Summarize(string? name, Group? group)
        {
            var summary = new CopilotSeatSummary { Name = name, Currency = _currency, InactiveDays = _inactiveDays };
            decimal included = 0, reclaimable = 0, leaving = 0;
            if (_grouping == SeatGrouping.None) ReclaimableUsers = 0;
            // No seats still has a pool with usage in a month whose seats were all cancelled (removals shrink it next cycle).
            if (group != null) Tally(summary, group, ref included, ref reclaimable, ref leaving);
            if (Credits != null && _grouping == SeatGrouping.None) CreditPool.Apply(summary, included, reclaimable, Credits, _now, leaving);
            return summary;
        }

        private void Tally(CopilotSeatSummary summary, Group group, ref decimal included, ref decimal reclaimable, ref decimal leaving)
        {
            summary.Seats = group.Seats;
            summary.Direct = group.Direct;
            summary.ViaTeam = group.ViaTeam;
            summary.Users = group.Users.Count;
            if (group.HasUsage) summary.UsageActive = 0;
            if (group.HasUsage) summary.UsageAiCreditsUsed = 0;
            foreach (UserTally user in group.Users.Values)
            {
                included += user.Allowance;
                if (user.AnyActive) summary.Active++;
                else
                {
                    summary.Inactive++;
                    if (!user.AllPending) summary.InactiveMonthlyCost += user.Price;
                    if (!user.AllPending) reclaimable += user.Allowance;
                    if (!user.AllPending && _grouping == SeatGrouping.None) ReclaimableUsers++;
                }
                if (group.HasUsage) summary.UsageAiCreditsUsed += user.AiCredits;
                if (!user.AnyActivity) summary.NeverUsed++;
                if (group.HasUsage && user.UsageActive) summary.UsageActive++;
                if (user.AllPending) summary.PendingCancellation++;
                if (user.AllPending) leaving += user.Allowance;
                if (user.Rank == 2) summary.Enterprise++;
                else if (user.Rank == 1) summary.Business++;
                summary.MonthlyCost += user.Price;
            }
        }

        /// <summary>The group a seat belongs to under this summarizer's grouping (empty without grouping).</summary>
        public string GroupOf(CopilotSeat seat)
        {
            switch (_grouping)
            {
                case SeatGrouping.Organization: return string.IsNullOrEmpty(seat.Organization) ? NoneGroup : seat.Organization!;
                case SeatGrouping.Team: return string.IsNullOrEmpty(seat.AssigningTeam) ? DirectGroup : seat.AssigningTeam!;
                case SeatGrouping.Editor: return EditorOf(seat.LastActivityEditor);
                case SeatGrouping.PlanType: return string.IsNullOrEmpty(seat.PlanType) ? NoneGroup : seat.PlanType!;
                default: return string.Empty;
            }
        }

        /// <summary>The editor of GitHub's last_activity_editor ("vscode/1.77.3/copilot/1.86.82" is vscode); "(none)" without one.</summary>
        public static string EditorOf(string? lastActivityEditor)
        {
            if (string.IsNullOrWhiteSpace(lastActivityEditor)) return NoneGroup;
            int slash = lastActivityEditor!.IndexOf('/');
            string editor = (slash < 0 ? lastActivityEditor : lastActivityEditor.Substring(0, slash)).Trim();
            return editor.Length == 0 ? NoneGroup : editor;
        }

        private static string UserKey(CopilotSeat seat) =>
            !string.IsNullOrEmpty(seat.Login) ? "l:" + seat.Login!.ToLowerInvariant()
            : "i:" + seat.UserId!.Value.ToString(CultureInfo.InvariantCulture);

        private void NoteName(string? name)
        {
            if (string.IsNullOrEmpty(name) || _seenNames.Count >= MaxNamesKept) return;
            foreach (string seen in _seenNames) if (string.Equals(seen, name, StringComparison.OrdinalIgnoreCase)) return;
            _seenNames.Add(name!);
        }

        private sealed class Group
        {
            public Group(string name) { Name = name; }
            public string Name { get; }
            public int Seats;
            public int Direct;
            public int ViaTeam;
            /// <summary>Some seat of the group carries a usage report (Get-CopilotSeat -IncludeUsage).</summary>
            public bool HasUsage;
            public readonly Dictionary<string, UserTally> Users = new Dictionary<string, UserTally>(StringComparer.Ordinal);
        }

        private sealed class UserTally
        {
            public bool AnyActive;
            public bool AnyActivity;
            public bool AllPending = true;
            public bool UsageActive;
            public bool HasPlan;
            public decimal Price;
            public int Rank;
            /// <summary>The highest allowance among the user's plans, and the usage report's AI credits.</summary>
            public decimal Allowance;
            public decimal AiCredits;
        }
    }
}
