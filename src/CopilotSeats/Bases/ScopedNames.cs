namespace CopilotSeats.Commands
{
    /// <summary>Names per organization or enterprise, each once, in the order they came: what a change command collected, grouped by target.</summary>
    internal sealed class ScopedNames
    {
        private readonly List<KeyValuePair<SeatScope, List<string>>> _groups = new List<KeyValuePair<SeatScope, List<string>>>();
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        public IReadOnlyList<KeyValuePair<SeatScope, List<string>>> Groups => _groups;
        public int Count => _seen.Count;

        /// <summary>Adds the name under its owner; false when it was there already.</summary>
        public bool Add(SeatScope owner, string name)
        {
            if (!_seen.Add(owner + "|" + name)) return false;
            foreach (var group in _groups)
                if (group.Key.Kind == owner.Kind && string.Equals(group.Key.Name, owner.Name, StringComparison.OrdinalIgnoreCase))
                {
                    group.Value.Add(name);
                    return true;
                }
            _groups.Add(new KeyValuePair<SeatScope, List<string>>(owner, new List<string> { name }));
            return true;
        }
    }
}
