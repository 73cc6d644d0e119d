using System.Globalization;

namespace CopilotSeats.Usage
{
    /// <summary>
    /// Folds a users usage report into one small entry per user (active days as a bit set over the report's days,
    /// the last active day, interactions and AI credits), then fills the Usage* properties of seats. Memory follows
    /// the users of the report, not its records.
    /// </summary>
    /// <remarks>
    /// Users are matched by login (case-insensitive), else by user id. A seat whose user has no record in the report
    /// gets 0 active days, 0 interactions and 0 AI credits (the report was read and shows nothing for them) and no last
    /// active day; a record without ai_credits_used adds nothing to the credits. Null usage means no report was read.
    /// A day is counted once however many records it has; days outside the report's start..end are ignored for the
    /// active-day count (they still count for interactions and credits).
    /// </remarks>
    public sealed class UsageSeatJoin
    {
        private readonly object _sync = new object();
        private readonly Dictionary<string, Entry> _byLogin = new Dictionary<string, Entry>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<long, Entry> _byId = new Dictionary<long, Entry>();
        private DateTime? _start;
        private DateTime? _end;

        /// <summary>Sets the days the report covers (its start and end day).</summary>
        public void SetWindow(DateTime? start, DateTime? end)
        {
            lock (_sync)
            {
                _start = start?.Date;
                _end = end?.Date;
            }
        }

        /// <summary>The report's last day, stamped on every seat as UsageReportEndDay.</summary>
        public DateTime? EndDay { get { lock (_sync) return _end; } }

        /// <summary>Users the report has records for.</summary>
        public int Users { get { lock (_sync) return _byLogin.Count + CountIdOnly(); } }

        public void Add(IEnumerable<object> records)
        {
            lock (_sync)
                foreach (object record in records)
                    if (record is CopilotUserUsage usage) AddLocked(usage);
        }

        public void Add(CopilotUserUsage usage)
        {
            lock (_sync) AddLocked(usage);
        }

        private void AddLocked(CopilotUserUsage usage)
        {
            Entry? entry = null;
            if (!string.IsNullOrEmpty(usage.Login) && !_byLogin.TryGetValue(usage.Login!, out entry))
            {
                if (usage.UserId.HasValue && _byId.TryGetValue(usage.UserId.Value, out entry)) _byLogin[usage.Login!] = entry;
                else
                {
                    entry = new Entry();
                    _byLogin[usage.Login!] = entry;
                }
            }
            if (entry is null)
            {
                if (!usage.UserId.HasValue) return; // neither login nor id: nothing to join on
                if (!_byId.TryGetValue(usage.UserId.Value, out entry))
                {
                    entry = new Entry { IdOnly = true };
                    _byId[usage.UserId.Value] = entry;
                }
            }
            else if (usage.UserId.HasValue && !_byId.ContainsKey(usage.UserId.Value)) _byId[usage.UserId.Value] = entry;

            entry.Interactions += usage.Interactions;
            if (usage.AiCreditsUsed.HasValue) entry.AiCredits += usage.AiCreditsUsed.Value;
            if (!usage.Active || !usage.Day.HasValue) return;
            DateTime day = usage.Day.Value.Date;
            if (entry.LastActive is null || day > entry.LastActive) entry.LastActive = day;
            int offset = _start.HasValue ? (int)(day - _start.Value).TotalDays : -1;
            if (offset >= 0 && offset < 64 && (!_end.HasValue || day <= _end.Value)) entry.Days |= 1UL << offset;
            else if (!_start.HasValue) entry.OtherDays = AddDay(entry.OtherDays, day);
        }

        private static HashSet<DateTime> AddDay(HashSet<DateTime>? days, DateTime day)
        {
            days ??= new HashSet<DateTime>();
            days.Add(day);
            return days;
        }

        /// <summary>Fills the Usage* properties of each seat from the report (in place) and returns the seats.</summary>
        public IReadOnlyList<CopilotSeat> Stamp(IReadOnlyList<CopilotSeat> seats)
        {
            lock (_sync)
            {
                foreach (CopilotSeat seat in seats)
                {
                    Entry? entry = Find(seat);
                    seat.UsageReportEndDay = _end;
                    seat.UsageActiveDays = entry is null ? 0 : entry.ActiveDays;
                    seat.UsageLastActiveDay = entry?.LastActive;
                    seat.UsageInteractions = entry?.Interactions ?? 0;
                    seat.UsageAiCreditsUsed = entry?.AiCredits ?? 0m;
                }
                return seats;
            }
        }

        private Entry? Find(CopilotSeat seat)
        {
            if (!string.IsNullOrEmpty(seat.Login) && _byLogin.TryGetValue(seat.Login!, out Entry? byLogin)) return byLogin;
            return seat.UserId.HasValue && _byId.TryGetValue(seat.UserId.Value, out Entry? byId) ? byId : null;
        }

        private int CountIdOnly()
        {
            int n = 0;
            foreach (Entry e in _byId.Values) if (e.IdOnly) n++;
            return n;
        }

        public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0} user(s)", Users);

        private sealed class Entry
        {
            public ulong Days;
            public HashSet<DateTime>? OtherDays;
            public DateTime? LastActive;
            public long Interactions;
            public decimal AiCredits;
            public bool IdOnly;

            public int ActiveDays
            {
                get
                {
                    int n = OtherDays?.Count ?? 0;
                    for (ulong d = Days; d != 0; d &= d - 1) n++;
                    return n;
                }
            }
        }
    }
}
