using System.Globalization;

namespace CopilotSeats.Commands
{
    /// <summary>
    /// Lets a TimeSpan parameter take a plain number as seconds. Without it PowerShell converts
    /// an integer to a TimeSpan of that many ticks (100 ns), so -MaxRateLimitWait 60 would mean 6 µs.
    /// TimeSpan values and strings such as '00:05:00' pass through unchanged.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false)]
    public sealed class SecondsTimeSpanTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            try
            {
                return ToTimeSpan(value) ?? inputData;
            }
            catch (OverflowException ex)
            {
                throw new ArgumentTransformationMetadataException(ex.Message, ex);
            }
        }

        private static object? ToTimeSpan(object? value)
        {
            switch (value)
            {
                case int i: return TimeSpan.FromSeconds(i);
                case long l: return TimeSpan.FromSeconds(l);
                case double d: return TimeSpan.FromSeconds(d);
                case decimal m: return TimeSpan.FromSeconds((double)m);
                case string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds):
                    return TimeSpan.FromSeconds(seconds);
                default: return null;
            }
        }
    }
}
