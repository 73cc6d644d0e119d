using CopilotSeats.Http;

namespace CopilotSeats.Seats
{
    /// <summary>One page of a seat listing as GitHub answered it.</summary>
    internal sealed class SeatPage
    {
        public SeatPage(int total, List<CopilotSeat> seats, Uri? next, Uri? last) { Total = total; Seats = seats; Next = next; Last = last; }
        public int Total { get; }
        public List<CopilotSeat> Seats { get; }
        public Uri? Next { get; }
        public Uri? Last { get; }
    }

    /// <summary>
    /// One run of a seat listing. The first page is fetched and handed to the consumer, which is awaited
    /// before any further request (so a consumer that stops after the first page costs one request). The
    /// remaining pages are then fetched concurrently (ThrottleLimit) and handed over strictly in page order,
    /// with at most 2 x ThrottleLimit pages held at once. A seat seen on one of the last few pages is not
    /// written again (seats shift across page boundaries when the listing changes; a seat without an assignee
    /// cannot be told apart from another and is always written), and a change of
    /// total_seats while the listing runs is reported once. A listing of more than one page reports its
    /// progress (rows received of total_seats) after each page.
    /// </summary>
    internal sealed class SeatListing
    {
        private readonly Func<Uri, Func<CancellationToken, Task<SeatPage>>> _fetch;
        private readonly Func<IReadOnlyList<CopilotSeat>, CancellationToken, Task> _onPage;
        private readonly int _throttleLimit;
        private readonly Action<string>? _warning;
        private readonly Action<int, int>? _progress;
        private readonly RecentKeys _recent;
        private int _total;
        private int _received;
        private bool _multiPage;
        private bool _changed;

        public SeatListing(Func<Uri, Func<CancellationToken, Task<SeatPage>>> fetch, Func<IReadOnlyList<CopilotSeat>, CancellationToken, Task> onPage,
            int throttleLimit, Action<string>? warning, Action<int, int>? progress = null)
        {
            _fetch = fetch;
            _onPage = onPage;
            _throttleLimit = throttleLimit;
            _warning = warning;
            _progress = progress;
            _recent = new RecentKeys(Math.Max(2, throttleLimit * 2 + 2));
        }

        /// <summary>
        /// Runs the listing from <paramref name="first"/>; returns the total GitHub reported on the first page. A listing that
        /// ends with fewer rows than that total, unchanged meanwhile, says so once (GitHub linked no further page).
        /// </summary>
        public async Task<int> RunAsync(Uri first, CancellationToken cancellationToken)
        {
            await ListAsync(first, cancellationToken).ConfigureAwait(false);
            if (!_changed && _received < _total)
                _warning?.Invoke($"GitHub listed {_received} of the {_total} seats it reported and linked no further page: the listing may be incomplete. Run the command again.");
            return _total;
        }

        private async Task ListAsync(Uri first, CancellationToken cancellationToken)
        {
            SeatPage page1 = await _fetch(first)(cancellationToken).ConfigureAwait(false);
            _total = page1.Total;
            _multiPage = page1.Next != null; // a one-page listing reports no progress
            await EmitAsync(page1, cancellationToken).ConfigureAwait(false);
            if (page1.Next is null) return;

            int? last = page1.Last is null ? null : LinkHeader.PageOf(page1.Last);
            if (last is null || LinkHeader.PageOf(page1.Next) != 2)
            {
                // No usable last/next numbering: follow next exactly as given, one page at a time.
                await FollowNextAsync(page1.Next, cancellationToken).ConfigureAwait(false);
                return;
            }
            await RunWindowAsync(page1.Next, last.Value, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Pages 2..last by number, a window of them in flight, written in order.</summary>
        private async Task RunWindowAsync(Uri template, int last, CancellationToken cancellationToken)
        {
            int window = _throttleLimit == 1 ? 1 : _throttleLimit * 2;
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var inFlight = new Dictionary<int, Task<SeatPage>>();
            int nextEmit = 2, nextStart = 2;
            try
            {
                while (nextEmit <= last)
                {
                    while (nextStart <= last && nextStart - nextEmit < window)
                    {
                        inFlight[nextStart] = _fetch(LinkHeader.WithPage(template, nextStart))(cts.Token);
                        nextStart++;
                    }
                    SeatPage page = await inFlight[nextEmit].ConfigureAwait(false);
                    inFlight.Remove(nextEmit);
                    NoteTotal(page.Total);
                    await EmitAsync(page, cts.Token).ConfigureAwait(false);
                    if (nextEmit == last && page.Next != null)
                    {
                        // The listing grew past the last page we were told about.
                        NoteChange(page.Total);
                        await FollowNextAsync(page.Next, cts.Token).ConfigureAwait(false);
                    }
                    nextEmit++;
                }
            }
            finally
            {
                if (inFlight.Count > 0)
                {
                    cts.Cancel();
                    foreach (var pending in inFlight.Values)
                    {
                        try { await pending.ConfigureAwait(false); } catch { /* abandoned page */ }
                    }
                }
            }
        }

        private async Task FollowNextAsync(Uri? next, CancellationToken cancellationToken)
        {
            while (next != null)
            {
                SeatPage page = await _fetch(next)(cancellationToken).ConfigureAwait(false);
                NoteTotal(page.Total);
                await EmitAsync(page, cancellationToken).ConfigureAwait(false);
                next = page.Seats.Count == 0 ? null : page.Next;
            }
        }

        private void NoteTotal(int total)
        {
            if (total != _total) NoteChange(total);
        }

        private void NoteChange(int newTotal)
        {
            if (_changed) return;
            _changed = true;
            _warning?.Invoke($"The seat listing changed while it was read (total seats went from {_total} to {newTotal}). " +
                "No seat is written twice, but a seat added or removed meanwhile may be missing: run the command again for an exact snapshot.");
        }

        private async Task EmitAsync(SeatPage page, CancellationToken cancellationToken)
        {
            var fresh = new List<CopilotSeat>(page.Seats.Count);
            var keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (CopilotSeat seat in page.Seats)
            {
                string? key = SeatMapper.GrantKey(seat);
                if (key != null && (_recent.Contains(key) || !keys.Add(key))) continue; // a seat without assignee is always written
                fresh.Add(seat);
            }
            _recent.Push(keys);
            if (fresh.Count > 0) await _onPage(fresh, cancellationToken).ConfigureAwait(false);
            _received += page.Seats.Count;
            if (_multiPage) _progress?.Invoke(_received, Math.Max(_total, _received));
        }

        /// <summary>Keys of the seats on the last few pages: enough to catch a seat that shifted across a page boundary.</summary>
        private sealed class RecentKeys
        {
            private readonly int _pages;
            private readonly Queue<HashSet<string>> _recent = new Queue<HashSet<string>>();
            public RecentKeys(int pages) { _pages = pages; }
            public bool Contains(string key) => _recent.Any(set => set.Contains(key));
            public void Push(HashSet<string> keys)
            {
                _recent.Enqueue(keys);
                while (_recent.Count > _pages) _recent.Dequeue();
            }
        }
    }
}
