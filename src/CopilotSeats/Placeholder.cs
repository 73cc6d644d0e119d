namespace CopilotSeats.Commands { internal static class Placeholder {} }
