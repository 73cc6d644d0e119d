namespace CopilotSeats { internal static class Placeholder {} }
