namespace CopilotSeats.Billing
{
    /// <summary>
    /// Whose AI-credit report piped seats call for (-IncludeCredits with seats from Get-CopilotSeat): the one enterprise
    /// or organization they all belong to (a seat's Enterprise, else its Organization; names case-insensitive). Seats of
    /// several targets, or of none, have no one report: <see cref="Resolve"/> says so.
    /// </summary>
    public sealed class CreditTarget
    {
        private SeatScope? _scope;
        private bool _mixed;

        public void Add(IEnumerable<CopilotSeat> seats)
        {
            foreach (CopilotSeat seat in seats)
            {
                if (_mixed) return;
                SeatScope? scope = Of(seat);
                if (scope is null || (_scope is SeatScope seen && !Same(seen, scope.Value))) _mixed = true;
                else _scope ??= scope;
            }
        }

        /// <summary>The target; null when no seat came in; a CopilotSeats.CreditsTargetUnknown error when there is no one target.</summary>
        public SeatScope? Resolve() => _mixed
            ? throw new CopilotException("CopilotSeats.CreditsTargetUnknown", CopilotErrorCategory.InvalidArgument, null,
                "-IncludeCredits reads one organization's or enterprise's report, and the piped seats belong to several (or to none).")
            {
                RecommendedAction = "Pipe the seats of one organization or enterprise, or use -Organization or -Enterprise with -IncludeCredits.",
            }
            : _scope;

        private static SeatScope? Of(CopilotSeat seat) =>
            !string.IsNullOrEmpty(seat.Enterprise) ? SeatScope.ForEnterprise(seat.Enterprise!)
            : !string.IsNullOrEmpty(seat.Organization) ? SeatScope.ForOrganization(seat.Organization!) : (SeatScope?)null;

        private static bool Same(SeatScope a, SeatScope b) => a.Kind == b.Kind && string.Equals(a.Name, b.Name, StringComparison.OrdinalIgnoreCase);
    }
}
