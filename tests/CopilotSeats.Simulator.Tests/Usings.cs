// The namespaces every simulator test file uses.
global using System.Net;
global using System.Net.Http.Headers;
global using System.Net.Http.Json;
global using System.Text;
global using System.Text.Json;
global using System.Text.Json.Nodes;
global using CopilotSeats.Simulator;
global using Xunit;
