namespace CopilotSeats
{
    /// <summary>
    /// One line of the change journal: one name in one add or cancel request of one run (a cmdlet invocation).
    /// Outcome is Applied, Refused (GitHub's Status and Message), or Unknown (the answer never came: it may have been applied).
    /// </summary>
    public sealed class CopilotJournalEntry
    {
        /// <summary>One per cmdlet invocation.</summary>
        public Guid RunId { get; set; }
        /// <summary>The request's number within the run (1, 2, ...).</summary>
        public int Request { get; set; }
        /// <summary>When the line was written (UTC).</summary>
        public DateTimeOffset Time { get; set; }
        /// <summary>The cmdlet: Remove-CopilotUser, Sync-CopilotSeat, Undo-CopilotSeatChange, ...</summary>
        public string Command { get; set; } = string.Empty;
        public string? Organization { get; set; }
        public string? Enterprise { get; set; }
        /// <summary>Add or Remove (seats); SetBudget or RemoveBudget (AI-credit budgets).</summary>
        public string Action { get; set; } = string.Empty;
        /// <summary>User, Team or EnterpriseTeam; Budget for a budget change.</summary>
        public string AssigneeType { get; set; } = string.Empty;
        /// <summary>The login or team slug; for a budget the user, "(all users)" or the entity, else (removed by -Id, the listing not naming it) the budget id.</summary>
        public string Name { get; set; } = string.Empty;
        /// <summary>Applied, Refused or Unknown (Sent only in the file, before the answer).</summary>
        public string Outcome { get; set; } = string.Empty;
        /// <summary>GitHub's HTTP status when it answered with an error.</summary>
        public int? Status { get; set; }
        /// <summary>GitHub's message (Refused), or what went wrong (Unknown).</summary>
        public string? Message { get; set; }
        /// <summary>GitHub's seats_created for the request (Add).</summary>
        public int? SeatsCreated { get; set; }
        /// <summary>GitHub's seats_cancelled for the request (Remove).</summary>
        public int? SeatsCancelled { get; set; }
        /// <summary>A budget change: the amount set, in whole US dollars (null for a removal).</summary>
        public int? AmountUsd { get; set; }
        /// <summary>A budget change: the amount before (null when the budget was created, or removed by an id the budget listing did not show).</summary>
        public int? OldAmountUsd { get; set; }
        /// <summary>For an Undo-CopilotSeatChange run: the run it reverses.</summary>
        public Guid? UndoOf { get; set; }

        public override string ToString() => $"{Time:u} {Command} {Action} {AssigneeType} {Name}: {Outcome}";
    }
}
