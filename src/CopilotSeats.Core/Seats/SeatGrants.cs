namespace CopilotSeats.Seats
{
    /// <summary>What the member lookup says of one login's grants, seen from a per-user cancel at a scope.</summary>
    internal sealed class GrantVerdict
    {
        private static readonly IReadOnlyList<TeamGrant> NoTeams = new TeamGrant[0];
        private static readonly IReadOnlyList<string> NoOrganizations = new string[0];

        /// <summary>The lookup's own failure (not fatal), or NoSeat (404, or no row): nothing else is known.</summary>
        public CopilotException? Error { get; set; }

        /// <summary>A grant the scope's cancel reaches (<see cref="SeatRemoval.IsOwnGrant"/>) is active.</summary>
        public bool OwnActive { get; set; }

        /// <summary>A grant the scope's cancel reaches is pending cancellation.</summary>
        public bool OwnPending { get; set; }

        /// <summary>The active team grants that cancel does not reach.</summary>
        public IReadOnlyList<TeamGrant> Teams { get; set; } = NoTeams;

        /// <summary>At an enterprise: the organizations whose active direct grant that cancel does not reach.</summary>
        public IReadOnlyList<string> Organizations { get; set; } = NoOrganizations;

        /// <summary>The first pending cancellation date of the seats (yyyy-MM-dd), empty when there is none.</summary>
        public string PendingDate { get; set; } = string.Empty;

        /// <summary>Whether an active grant stays that the scope's cancel does not reach.</summary>
        public bool ElsewhereActive => Teams.Count + Organizations.Count > 0;

        /// <summary>The error for those grants: TeamAssigned, or OrganizationAssigned when an organization's grant is among them.</summary>
        public CopilotException Elsewhere(string login) =>
            Organizations.Count == 0 ? SeatRemoval.TeamAssigned(login, Teams) : SeatRemoval.OrganizationAssigned(login, Teams, Organizations);

        /// <summary>The grants of <paramref name="seats"/> (the lookup's rows of one login) as seen by a cancel at <paramref name="scope"/>.</summary>
        public static GrantVerdict From(SeatScope scope, IReadOnlyList<CopilotSeat> seats)
        {
            var others = seats.Where(s => !SeatRemoval.IsOwnGrant(scope, s) && s.PendingCancellationDate is null).ToList(); // teams', and at an enterprise its orgs'
            DateTimeOffset? date = seats.Select(s => s.PendingCancellationDate).FirstOrDefault(d => d != null);
            return new GrantVerdict
            {
                OwnActive = seats.Any(s => SeatRemoval.IsOwnGrant(scope, s) && s.PendingCancellationDate is null),
                OwnPending = seats.Any(s => SeatRemoval.IsOwnGrant(scope, s) && s.PendingCancellationDate != null),
                Teams = others.Where(s => !string.IsNullOrWhiteSpace(s.AssigningTeam)).Select(s => new TeamGrant(s.AssigningTeam!, SeatRemoval.GrantOwner(scope, s))).ToList(),
                Organizations = others.Where(s => string.IsNullOrWhiteSpace(s.AssigningTeam)).Select(s => s.Organization!).ToList(),
                PendingDate = date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
            };
        }
    }

    /// <summary>
    /// Looks logins up through the member endpoint (through the same engine: budget, throttle, retries), at most
    /// ThrottleLimit at a time (<see cref="OrderedWindow{T}"/>), and tells each one's grants (<see cref="GrantVerdict"/>). A 404
    /// is NoSeat; another failure that is not fatal is that login's error; a fatal failure starts no further lookup and is
    /// thrown once the ones in flight have ended.
    /// </summary>
    internal sealed class GrantLookup
    {
        private readonly SeatScope _scope;
        private readonly Func<string, CancellationToken, Task<IReadOnlyList<CopilotSeat>>> _lookup;
        private readonly int _throttle;

        public GrantLookup(SeatScope scope, Func<string, CancellationToken, Task<IReadOnlyList<CopilotSeat>>> lookup, int throttleLimit)
        {
            _scope = scope;
            _lookup = lookup ?? throw new ArgumentNullException(nameof(lookup));
            _throttle = Math.Max(1, throttleLimit);
        }

        /// <summary>One verdict per login, in their order, through the ordered window the other per-user lookups use.</summary>
        public async Task<GrantVerdict[]> LookUpAsync(string[] logins, CancellationToken cancellationToken)
        {
            var verdicts = new List<GrantVerdict>(logins.Length);
            var window = new OrderedWindow<GrantVerdict>(_throttle, (verdict, _) =>
            {
                verdicts.Add(verdict);
                return Task.CompletedTask;
            });
            foreach (string login in logins)
                await window.AddAsync(() => ClassifyAsync(login, cancellationToken), cancellationToken).ConfigureAwait(false);
            await window.CompleteAsync(cancellationToken).ConfigureAwait(false);
            return verdicts.ToArray();
        }

        private async Task<GrantVerdict> ClassifyAsync(string login, CancellationToken cancellationToken)
        {
            IReadOnlyList<CopilotSeat> seats;
            try
            {
                seats = await _lookup(login, cancellationToken).ConfigureAwait(false);
            }
            catch (CopilotApiException ex) when (ex.StatusCode == 404)
            {
                return new GrantVerdict { Error = SeatRemoval.NoSeat(login, _scope) };
            }
            catch (CopilotException ex) when (!BatchIsolation.IsFatal(ex))
            {
                return new GrantVerdict { Error = ex };
            }
            return seats.Count == 0 ? new GrantVerdict { Error = SeatRemoval.NoSeat(login, _scope) } : GrantVerdict.From(_scope, seats);
        }
    }
}
