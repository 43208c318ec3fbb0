using System.Text;
using System.Text.Json;

namespace Hnv.Controller.Tests.Fixtures;

/// <summary>One bad request: it is answered with a problem+json of <c>status</c> naming <c>field</c>, and nothing stored changes.</summary>
internal static class RefusedWrite
{
    /// <summary>Sends the request and checks its answer and that <paramref name="snapshot"/> reads the same before and after.</summary>
    public static async Task AssertAsync(HttpClient http, string method, string path, string body, int status, string field, Func<Task<string>> snapshot)
    {
        var before = await snapshot();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body.Length > 0)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("title").GetString()));
        if (field.Length > 0)
        {
            var fields = problem.RootElement.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("field").GetString()).ToList();
            Assert.Contains(field, fields);
        }

        Assert.Equal(before, await snapshot());
    }
}
