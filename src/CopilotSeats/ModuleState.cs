using CopilotSeats.Auth;

namespace CopilotSeats.Commands
{
    /// <summary>
    /// The defaults Connect-Copilot stores. Static, so it is shared by every runspace of the
    /// process (as with other modules' connection state); Disconnect-Copilot clears it.
    /// </summary>
    internal static class ModuleState
    {
        private static readonly object s_lock = new object();
        private static StoredSession? s_session;

        public static StoredSession? Session
        {
            get { lock (s_lock) return s_session; }
            set
            {
                StoredSession? old;
                lock (s_lock)
                {
                    old = s_session;
                    s_session = value;
                }
                // A replaced GitHub App sign-in is let go: it closes (key and tokens gone) once no running command holds it.
                if (old?.App != null && !ReferenceEquals(old.App, value?.App)) old.App.Dispose();
                // A new or no session may mean another token from the same source: completion lists start over.
                CopilotSeats.Completion.ArgumentCompletion.Shared.Cache.Clear();
            }
        }
    }
}
