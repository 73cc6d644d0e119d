namespace CopilotSeats.Http
{
    /// <summary>
    /// Marks a failure that came before the request's first byte was sent (a rate-limit pause it would not wait out, its
    /// turn among seat changes, the points budget, its credential, a stop meanwhile; the renewal of a token GitHub refused with 401, or the wait after GitHub refused it as rate limited): the change journal records such a
    /// request as not sent (Refused, "Not sent:"), never Unknown, so an undo never acts on it.
    /// </summary>
    public static class RequestNotSent
    {
        private const string Key = "CopilotSeats.NotSent";

        /// <summary>Marks <paramref name="failure"/> (in its Data) and returns it.</summary>
        internal static Exception Mark(Exception failure)
        {
            failure.Data[Key] = true;
            return failure;
        }

        /// <summary>
        /// Runs <paramref name="step"/>, a step before the request goes out (again); a failure or stop it ends with is marked,
        /// unless <paramref name="mark"/> is false (an earlier attempt's answer left open whether GitHub applied it).
        /// </summary>
        internal static async Task<T> IfFailsAsync<T>(Func<Task<T>> step, bool mark = true)
        {
            try
            {
                return await step().ConfigureAwait(false);
            }
            catch (Exception ex) when (mark && Applies(ex))
            {
                Mark(ex);
                throw;
            }
        }

        /// <summary>As <see cref="IfFailsAsync{T}"/>, for a step with no result.</summary>
        internal static Task IfFailsAsync(Func<Task> step, bool mark = true) => IfFailsAsync(async () => { await step().ConfigureAwait(false); return true; }, mark);

        /// <summary>Whether <paramref name="failure"/> came before the request was sent.</summary>
        public static bool Was(Exception failure) => failure.Data.Contains(Key);

        /// <summary>Whether <paramref name="failure"/> is one a send can end with before sending: the module's own, or a stop.</summary>
        internal static bool Applies(Exception failure) => failure is CopilotException || failure is OperationCanceledException;
    }
}
