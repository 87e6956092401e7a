using ElBasar.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Home;

[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }
    public string Heading => Errors.Title(Status);
    public string Explanation => Errors.Explanation(Status);

    // From the route only: a failed POST is shown again as a POST, and its form may be what failed.
    public void OnGet([FromRoute] int status) => Show(status);

    public void OnPost([FromRoute] int status) => Show(status);

    void Show(int status)
    {
        Status = status is >= 400 and <= 599 ? status : 404;
        Response.StatusCode = Status;
    }
}
