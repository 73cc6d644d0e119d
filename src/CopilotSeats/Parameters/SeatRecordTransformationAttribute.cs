using System.Collections;
using CopilotSeats.Seats;

namespace CopilotSeats.Commands
{
    /// <summary>
    /// Lets seat records that are not live seats bind as seats: the rows of an exported seat list read back with
    /// Import-Csv, ConvertFrom-Json objects, and deserialized seats (Import-Clixml, Receive-Job, remoting). Core's
    /// <see cref="SeatRecord"/> reads them; a live seat passes unchanged. Anything not shaped like a seat (a name, an
    /// organization's detail) is refused as a value PowerShell cannot convert, so it is the usual binding error.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false)]
    public sealed class SeatRecordTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is null or CopilotSeat or CopilotSeat[]) return inputData;
            if (value is IList list) return list.Cast<object?>().Select(ToSeat).ToArray();
            return ToSeat(inputData);
        }

        private static CopilotSeat ToSeat(object? item)
        {
            object? value = item is PSObject wrapped ? wrapped.BaseObject : item;
            if (value is CopilotSeat seat) return seat;
            if (Fields(item) is { } record && SeatRecord.IsSeat(record))
            {
                try
                {
                    return SeatRecord.Read(record);
                }
                catch (CopilotException ex)
                {
                    throw new ArgumentTransformationMetadataException(ex.Message, ex);
                }
            }
            // A cast failure inside lets the binder report the value as one it cannot convert, as without this attribute.
            string message = $"A {value?.GetType().Name ?? "null"} is not a Copilot seat: pipe seats from Get-CopilotSeat, or rows of their export.";
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
