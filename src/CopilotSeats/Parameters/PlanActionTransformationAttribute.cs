namespace CopilotSeats.Commands
{
    /// <summary>
    /// Reads a plan row's Action as <see cref="PlanRows.TryRead"/> does: a plan read back from JSON carries it as a number
    /// (ConvertTo-Json writes enums as numbers), which becomes the action's name here. Anything else passes unchanged, so
    /// an unknown name or a number that is no plan action meets the parameter's ValidateSet as before.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false)]
    public sealed class PlanActionTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) =>
            PlanRows.TryRead(inputData is PSObject wrapped ? wrapped.BaseObject : inputData, out CopilotSeatPlanAction action) ? action.ToString() : inputData;
    }
}
