namespace CopilotSeats.Sync
{
    /// <summary>
    /// The logins that should have a seat: compared case-insensitively; a duplicate or a blank name is ignored
    /// and counted, for the one warning <see cref="IgnoredWarning"/>.
    /// </summary>
    public sealed class ReferenceSet
    {
        private readonly HashSet<string> _logins = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private int _duplicates;
        private int _blanks;

        public int Count => _logins.Count;

        /// <summary>Adds a login; false (and counted) for a blank or a duplicate.</summary>
        public bool Add(string? login)
        {
            if (string.IsNullOrWhiteSpace(login))
            {
                _blanks++;
                return false;
            }
            if (_logins.Add(login!.Trim())) return true;
            _duplicates++;
            return false;
        }

        public bool Contains(string login) => _logins.Contains(login);

        /// <summary>Every login, in no particular order.</summary>
        public IEnumerable<string> Logins => _logins;

        /// <summary>One warning for every duplicate and blank name together; null when there was none.</summary>
        public string? IgnoredWarning
        {
            get
            {
                if (_duplicates == 0 && _blanks == 0) return null;
                var parts = new List<string>();
                if (_duplicates > 0) parts.Add(_duplicates == 1 ? "1 duplicate name" : $"{_duplicates} duplicate names");
                if (_blanks > 0) parts.Add(_blanks == 1 ? "1 blank name" : $"{_blanks} blank names");
                return $"The reference set has {string.Join(" and ", parts)} (logins compare case-insensitively); they were ignored.";
            }
        }
    }
}
