namespace CopilotSeats.Seats
{
    /// <summary>
    /// An enterprise's cancel for users cancels only the enterprise's own grant: GitHub documents that users keep access
    /// "through team or organization membership", and answers 200 with seats_cancelled counting only what it cancelled.
    /// When that count is lower than the names sent, every name is looked up (after the cancel, through
    /// <see cref="GrantLookup"/>) to find the ones it did not reach. Nothing is sent again: the 200 applied what it could.
    /// </summary>
    /// <remarks>
    /// A name whose own grant is now pending cancellation was cancelled (a verbose line when other grants stay active);
    /// one without such a grant whose seat comes from teams or organizations is CopilotSeats.TeamAssigned or
    /// CopilotSeats.OrganizationAssigned, naming the command that cancels it there; no seat is CopilotSeats.NoSeat;
    /// seats all pending already, or an own grant still active, are a verbose line; no seat at all is a warning (the 200
    /// cancelled nothing for it; not an error, as a cancel that finds nothing to cancel is not). Organization scope has no such step:
    /// a shortfall there has no documented cause.
    /// </remarks>
    internal sealed class CancelShortfall
    {
        private readonly SeatScope _scope;
        private readonly GrantLookup _grants;
        private readonly Action<string>? _verbose;
        private readonly Action<string>? _warning;

        private CancelShortfall(SeatScope scope, GrantLookup grants, Action<string>? verbose, Action<string>? warning)
        {
            _scope = scope;
            _grants = grants;
            _verbose = verbose;
            _warning = warning;
        }

        /// <summary>The step for a batch: at an enterprise, for a cancel of users; null otherwise.</summary>
        public static CancelShortfall? For(SeatScope scope, SeatAction action, AssigneeKind kind, GrantLookup grants, Action<string>? verbose,
            Action<string>? warning = null) =>
            scope.Kind == ScopeKind.Enterprise && action == SeatAction.Remove && kind == AssigneeKind.User ? new CancelShortfall(scope, grants, verbose, warning) : null;

        /// <summary>After GitHub applied <paramref name="change"/> for <paramref name="names"/>: when it counts fewer seats, adds an error per name it did not reach.</summary>
        public async Task CheckAsync(string[] names, CopilotSeatChange change, BatchOutcome outcome, CancellationToken cancellationToken)
        {
            if (change.SeatsChanged >= names.Length) return;
            _verbose?.Invoke($"GitHub cancelled {change.SeatsChanged} of the {names.Length} seats asked for in the {_scope}; looking the users up to find the others.");
            GrantVerdict[] verdicts = await _grants.LookUpAsync(names, cancellationToken).ConfigureAwait(false);
            var notLookedUp = new List<string>();
            CopilotException? firstFailure = null;
            for (int i = 0; i < names.Length; i++)
            {
                string login = names[i];
                GrantVerdict v = verdicts[i];
                if (v.Error?.ErrorId == SeatRemoval.NoSeatId) _warning?.Invoke($"'{login}' has no seat in the {_scope}: the cancel changed nothing for it.");
                else if (v.Error != null && v.Error.ErrorId != SeatRemoval.TeamAssignedId && v.Error.ErrorId != SeatRemoval.OrganizationAssignedId)
                {
                    // The lookup failed: the cancel was applied, so one warning for all such names, not an error each.
                    notLookedUp.Add(login);
                    firstFailure ??= v.Error;
                }
                else if (v.Error != null) outcome.Errors.Add(new BatchError(v.Error, login));
                else if (v.OwnActive)
                    _verbose?.Invoke($"'{login}' in the {_scope}: the enterprise's own grant is still active after the cancel; Get-CopilotSeat -Enterprise {_scope.Name} -UserName {login} shows whether it ends.");
                else if (v.OwnPending)
                {
                    if (v.ElsewhereActive)
                        _verbose?.Invoke($"Cancelled the grant of the {_scope} to '{login}'; the seat from {SeatRemoval.Describe(login, v.Teams, v.Organizations).Sources} stays active.");
                }
                else if (v.ElsewhereActive) outcome.Errors.Add(new BatchError(v.Elsewhere(login), login));
                else _verbose?.Invoke($"'{login}' in the {_scope}: the seat was already pending cancellation"
                    + (v.PendingDate.Length == 0 ? string.Empty : $" ({v.PendingDate})") + "; the cancel changed nothing for it.");
            }
            if (notLookedUp.Count > 0)
                _warning?.Invoke($"{notLookedUp.Count} user(s) the cancel may not have reached could not be looked up ({string.Join(", ", notLookedUp)}): "
                    + $"{firstFailure!.Message.TrimEnd('.')}. Check them with Get-CopilotSeat -Enterprise {_scope.Name} -UserName.");
        }
    }
}
