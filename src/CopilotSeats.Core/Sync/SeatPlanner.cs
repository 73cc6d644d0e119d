using CopilotSeats.Seats;

namespace CopilotSeats.Sync
{
    /// <summary>How a plan is made: the logins never touched, the grace period, and whether Keep items are written.</summary>
    public sealed class PlanOptions
    {
        /// <summary>Logins never changed (the patterns of Get-CopilotSeat -Exclude).</summary>
        public NamePatterns Exclude { get; set; } = NamePatterns.None;
        /// <summary>A seat younger than this many days is never planned for removal.</summary>
        public int GraceDays { get; set; }
        /// <summary>Also write Keep items (wanted and seated).</summary>
        public bool IncludeEqual { get; set; }
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;
    }

    /// <summary>
    /// Compares the seats of one target with a reference set, a page of the listing at a time: what it holds beyond
    /// the reference set is the set of logins seen. An organization listing has one row per login, planned as it comes.
    /// An enterprise listing has one row per grant: a wanted login with an active row is Keep at once; any other login's
    /// rows are gathered (<see cref="LoginGrants"/>, a few references per login that will be written anyway) and decided
    /// once in <see cref="Finish"/>, which then writes the Add items. Only a row with neither organization nor team is the
    /// enterprise's own grant (Remove); an organization's direct grant is a Conflict like a team's.
    /// </summary>
    public sealed class SeatPlanner
    {
        private readonly SeatScope _scope;
        private readonly ReferenceSet _reference;
        private readonly PlanOptions _options;
        private readonly Func<string, bool>? _considered;
        private readonly Dictionary<string, int> _seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, LoginGrants>? _open; // enterprise scope: the logins not decided yet

        /// <param name="considered">When set, only these logins are planned (re-checking a plan); other seats are left out.</param>
        public SeatPlanner(SeatScope scope, ReferenceSet reference, PlanOptions options, Func<string, bool>? considered = null)
        {
            _scope = scope;
            _reference = reference ?? throw new ArgumentNullException(nameof(reference));
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _considered = considered;
            if (scope.Kind == ScopeKind.Enterprise) _open = new Dictionary<string, LoginGrants>(StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>The seat rows seen so far.</summary>
        public int Rows { get; private set; }

        /// <summary>The items for one page of the listing, in its order.</summary>
        public List<CopilotSeatPlanItem> Observe(IReadOnlyList<CopilotSeat> page)
        {
            if (page is null) throw new ArgumentNullException(nameof(page));
            var items = new List<CopilotSeatPlanItem>();
            foreach (CopilotSeat seat in page)
            {
                Rows++;
                string? login = seat.Login;
                if (string.IsNullOrWhiteSpace(login) || _considered != null && !_considered(login!)) continue; // a deleted account's seat has no login
                if (!_options.IncludeEqual && seat.PendingCancellationDate is null && _reference.Contains(login!))
                {
                    Mark(login!, CopilotSeatPlanAction.Keep); // the common case, wanted and seated: no item is made
                    _open?.Remove(login!);
                    continue;
                }
                CopilotSeatPlanItem item = Decide(seat, login!);
                if (_open != null && item.Action != CopilotSeatPlanAction.Keep) Gather(login!, seat, item);
                else if (Mark(login!, item.Action)) items.Add(item); // Keep comes here only with IncludeEqual
                if (item.Action == CopilotSeatPlanAction.Keep) _open?.Remove(login!);
            }
            return items;
        }

        /// <summary>Notes that <paramref name="login"/> has a seat and <paramref name="action"/>; false when that was already noted.</summary>
        private bool Mark(string login, CopilotSeatPlanAction action)
        {
            _seen.TryGetValue(login, out int written);
            int bit = 1 << (int)action;
            _seen[login] = written | bit;
            return (written & bit) == 0;
        }

        /// <summary>An enterprise row of a login not decided yet: kept with the login's other rows, unless the login is Keep already.</summary>
        private void Gather(string login, CopilotSeat seat, CopilotSeatPlanItem item)
        {
            if (_seen.TryGetValue(login, out int marks) && (marks & 1 << (int)CopilotSeatPlanAction.Keep) != 0) return;
            Mark(login, item.Action);
            if (!_open!.TryGetValue(login, out LoginGrants? grants)) _open[login] = grants = new LoginGrants(_scope);
            grants.Add(item, seat);
        }

        /// <summary>After the listing: the enterprise logins decided from all their rows, then an Add (or an excluded Skip) for every wanted login that has no seat.</summary>
        public IEnumerable<CopilotSeatPlanItem> Finish()
        {
            if (_open != null)
                foreach (LoginGrants grants in _open.Values) yield return grants.Decide();
            foreach (string login in _reference.Logins)
            {
                if (_seen.ContainsKey(login)) continue;
                var item = NewItem(login, null);
                string? pattern = _options.Exclude.FirstMatch(login);
                item.Action = pattern is null ? CopilotSeatPlanAction.Add : CopilotSeatPlanAction.Skip;
                item.Reason = pattern is null ? PlanReasons.Add : PlanReasons.Excluded(pattern);
                yield return item;
            }
        }

        private CopilotSeatPlanItem Decide(CopilotSeat seat, string login)
        {
            var item = NewItem(login, seat);
            item.AssigningTeam = string.IsNullOrWhiteSpace(seat.AssigningTeam) ? null : seat.AssigningTeam;
            item.LastActivityAt = seat.LastActivityAt;
            item.DaysInactive = SeatFilter.DaysInactive(seat, _options.Now);
            item.PendingCancellationDate = seat.PendingCancellationDate;
            int? age = seat.CreatedAt is { } created ? (int)Math.Max(0, (_options.Now - created).Ticks / TimeSpan.TicksPerDay) : null;
            if (_reference.Contains(login))
                (item.Action, item.Reason) = item.PendingCancellationDate is { } date
                    ? (CopilotSeatPlanAction.Restore, PlanReasons.Restore(date))
                    : (CopilotSeatPlanAction.Keep, PlanReasons.Keep);
            else if (item.PendingCancellationDate is { } pending)
                (item.Action, item.Reason) = (CopilotSeatPlanAction.Skip, PlanReasons.AlreadyPending(pending));
            else if (age < _options.GraceDays)
                (item.Action, item.Reason) = (CopilotSeatPlanAction.Skip, PlanReasons.InGrace(age.Value, _options.GraceDays));
            else if (item.AssigningTeam != null)
                (item.Action, item.Reason) = (CopilotSeatPlanAction.Conflict, PlanReasons.Conflict(login, new[] { new TeamGrant(item.AssigningTeam, SeatRemoval.GrantOwner(_scope, seat)) }));
            else if (_open != null && !string.IsNullOrEmpty(seat.Organization)) // an organization's own grant: the enterprise DELETE leaves it
                (item.Action, item.Reason) = (CopilotSeatPlanAction.Conflict, PlanReasons.Conflict(login, Array.Empty<TeamGrant>(), new[] { seat.Organization! }));
            else
                (item.Action, item.Reason) = (CopilotSeatPlanAction.Remove, PlanReasons.Remove(item.DaysInactive));
            if (item.Action != CopilotSeatPlanAction.Keep && _options.Exclude.FirstMatch(login) is { } pattern)
                (item.Action, item.Reason) = (CopilotSeatPlanAction.Skip, PlanReasons.Excluded(pattern));
            return item;
        }

        private CopilotSeatPlanItem NewItem(string login, CopilotSeat? seat) => new CopilotSeatPlanItem
        {
            Login = login,
            Organization = _scope.Kind == ScopeKind.Organization ? _scope.Name : seat?.Organization,
            Enterprise = _scope.Enterprise,
        };
    }
}
