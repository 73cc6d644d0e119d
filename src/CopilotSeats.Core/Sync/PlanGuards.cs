namespace CopilotSeats.Sync
{
    /// <summary>The checks made before anything is sent: an empty reference set, and too many removals.</summary>
    public static class PlanGuards
    {
        public const string EmptyReferenceId = "CopilotSeats.EmptyReference";
        public const string TooManyRemovalsId = "CopilotSeats.TooManyRemovals";
        public const string NoInputBoundId = "CopilotSeats.NoInputBound";

        /// <summary>The default -MaximumRemoval: 10 % of the target's current seats, at least 5.</summary>
        public static int DefaultMaximumRemoval(int currentSeats) => Math.Max(5, Math.Max(0, currentSeats) / 10);

        /// <summary>An empty reference set would cancel every seat: a terminating error unless it is allowed.</summary>
        public static CopilotException? CheckReference(ReferenceSet reference, bool allowEmpty, SeatScope scope)
        {
            if (reference is null) throw new ArgumentNullException(nameof(reference));
            if (reference.Count > 0 || allowEmpty) return null;
            return new CopilotException(EmptyReferenceId, CopilotErrorCategory.InvalidData, scope.Name,
                $"The reference set is empty, so every direct seat in the {scope} would be cancelled. Nothing was sent.")
            {
                IsTerminating = true,
                RecommendedAction = "Check the source of the reference users; if no one should keep a seat, add -AllowEmptyReference.",
            };
        }

        /// <summary>
        /// A command fed by the pipeline to which no record bound: an empty upstream and one whose every row failed to bind
        /// (a plan with an unreadable Action, rows without Login or UserName) cannot be told apart, and neither names a
        /// reference set: a terminating error, even with -AllowEmptyReference. An empty set on purpose is typed: -ReferenceUser @().
        /// </summary>
        public static CopilotException? CheckInputBound(bool expectingInput, bool anyBound, string? target)
        {
            if (!expectingInput || anyBound) return null;
            return new CopilotException(NoInputBoundId, CopilotErrorCategory.InvalidData, string.IsNullOrEmpty(target) ? null : target,
                "Nothing came in from the pipeline: no reference user or plan item was bound, so nothing was planned or sent.")
            {
                IsTerminating = true,
                RecommendedAction = "Check the command before the pipe and the errors it wrote; for an empty reference set on purpose, type -ReferenceUser @().",
            };
        }

        /// <summary>More removals than <paramref name="maximum"/> (default <see cref="DefaultMaximumRemoval"/>): a terminating error, whatever -Force says.</summary>
        public static CopilotException? CheckRemovals(int removals, int? maximum, int currentSeats, SeatScope scope)
        {
            int limit = maximum ?? DefaultMaximumRemoval(currentSeats);
            if (removals <= limit) return null;
            string which = maximum is null ? $"the default -MaximumRemoval {limit} (10 % of the current seats, at least 5)" : $"-MaximumRemoval {limit}";
            return new CopilotException(TooManyRemovalsId, CopilotErrorCategory.LimitsExceeded, scope.Name,
                $"The plan cancels {removals} of the {currentSeats} seats in the {scope}, more than {which}. Nothing was sent.")
            {
                IsTerminating = true,
                RecommendedAction = $"Review the plan with Compare-CopilotSeat; if it is right, run again with -MaximumRemoval {removals}.",
            };
        }
    }
}
