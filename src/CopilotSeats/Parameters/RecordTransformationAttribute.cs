using System.Collections;
using CopilotSeats.Journal;
using CopilotSeats.Seats;

namespace CopilotSeats.Commands
{
    /// <summary>
    /// Lets records that are not live objects of the module bind as them: rows of an export read back with Import-Csv,
    /// ConvertFrom-Json objects, and deserialized objects (Import-Clixml, Receive-Job, remoting). Core reads them; a live
    /// object passes unchanged. A record of another shape (a name, another type's row) is refused as a value PowerShell
    /// cannot convert, so it is the usual binding error, or binds another parameter by property name.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false)]
    public sealed class RecordTransformationAttribute : ArgumentTransformationAttribute
    {
        /// <summary>Per type the attribute can make: the record's shape, Core's reader (a field that does not read is a CopilotException), and what else to pipe.</summary>
        private static readonly Dictionary<Type, (Func<IDictionary<string, object?>, bool> IsRecord, Func<IDictionary<string, object?>, bool, object> Read, string Expected)> Readers =
            new Dictionary<Type, (Func<IDictionary<string, object?>, bool>, Func<IDictionary<string, object?>, bool, object>, string)>
            {
                [typeof(CopilotSeat)] = (SeatRecord.IsSeat, SeatRecord.Read, "a Copilot seat: pipe seats from Get-CopilotSeat, or rows of their export"),
                [typeof(CopilotJournalEntry)] = (JournalRecord.IsEntry, JournalRecord.Read, "a journal entry: pipe entries from Get-CopilotSeatJournal, or rows of their export"),
            };

        /// <param name="target">The module's type to make: CopilotSeat (see <see cref="SeatRecord"/>) or CopilotJournalEntry (see <see cref="JournalRecord"/>).</param>
        public RecordTransformationAttribute(Type target)
        {
            Target = target;
        }

        public Type Target { get; }

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is null || Target.IsInstanceOfType(value) || Target.MakeArrayType().IsInstanceOfType(value)) return inputData;
            if (value is not IList list) return ToTarget(inputData);
            Array items = Array.CreateInstance(Target, list.Count);
            for (int i = 0; i < list.Count; i++) items.SetValue(ToTarget(list[i]), i);
            return items;
        }

        private object ToTarget(object? item)
        {
            object? value = item is PSObject wrapped ? wrapped.BaseObject : item;
            if (value != null && Target.IsInstanceOfType(value)) return value;
            var reader = Readers[Target];
            if (Fields(item) is { } record && reader.IsRecord(record))
            {
                try
                {
                    // A deserialized object's text (a job's dates) was written culture-invariant, an Import-Csv row's in the session's culture.
                    bool deserialized = item is PSObject psObject && psObject.TypeNames.Count > 0 && psObject.TypeNames[0].StartsWith("Deserialized.", StringComparison.Ordinal);
                    return reader.Read(record, deserialized);
                }
                catch (CopilotException ex)
                {
                    throw new ArgumentTransformationMetadataException(ex.Message, ex);
                }
            }
            // A cast failure inside lets the binder go on as for any value it cannot convert.
            string message = $"A {value?.GetType().Name ?? "null"} is not {reader.Expected}.";
            throw new ArgumentTransformationMetadataException(message, new PSInvalidCastException(message));
        }

        /// <summary>The record's properties by name; a property bag within (a deserialized DateTimeOffset) as a dictionary too. Null for a bare value.</summary>
        private static IDictionary<string, object?>? Fields(object? item, int depth = 0)
        {
            object? value = item is PSObject wrapped ? wrapped.BaseObject : item;
            if (item is null || value is string or ValueType || (depth > 0 && value is not PSCustomObject)) return null;
            var fields = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (PSPropertyInfo property in PSObject.AsPSObject(item).Properties)
            {
                object? field = property.IsGettable ? SafeValue(property) : null;
                fields[property.Name] = depth == 0 && Fields(field, depth + 1) is { } bag ? bag : field is PSObject inner ? inner.BaseObject : field;
            }
            return fields;
        }

        private static object? SafeValue(PSPropertyInfo property)
        {
            try
            {
                return property.Value;
            }
            catch (GetValueException)
            {
                return null;
            }
        }
    }
}
