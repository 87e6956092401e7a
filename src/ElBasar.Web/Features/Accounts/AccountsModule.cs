using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace ElBasar.Web.Features.Accounts;

public static class AccountsModule
{
    public const string SignInPath = "/compte/connexion";

    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddIdentityCore<User>(o =>
            {
                // Length over complexity (CNIL and NIST advice): ten characters, and not one of the usual ones.
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedEmail = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<Role>()
            .AddEntityFrameworkStores<ElBasarDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<CommonPasswords>()
            .AddErrorDescriber<FrenchIdentityErrors>();
        services.AddAuthentication(AccountPolicies.CookieOrToken)
            .AddPolicyScheme(AccountPolicies.CookieOrToken, "Cookie or token", o => o.ForwardDefaultSelector = context =>
                PersonalAccessTokenHandler.HasBearer(context.Request) ? PersonalAccessTokenHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, PersonalAccessTokenHandler>(PersonalAccessTokenHandler.SchemeName, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "elbasar";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = SignInPath;
            o.LogoutPath = "/compte/deconnexion";
            o.AccessDeniedPath = "/erreur/403";
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromDays(30);
            // The API answers 401/403 (problem+json) instead of redirecting to the sign-in page.
            o.Events.OnRedirectToLogin = context => Challenge(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => Challenge(context, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(AccountPolicies.Staff, p => p.RequireAuthenticatedUser().RequireRole(SiteRoles.Admin, SiteRoles.Facilitator));
        services.AddScoped<IStartupSeed, RoleSeed>();
        services.AddScoped<AccountMails>();
        services.AddScoped<PersonalAccessTokens>();
        services.AddScoped<PersonalData.PersonalDataService>();
        services.AddScoped<PersonalData.IPersonalDataSource, PersonalData.AccountPersonalData>();
        return services;
    }

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app) => app.MapAccountsApi();

    static Task Challenge(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (Errors.IsApi(context.HttpContext)) context.Response.StatusCode = status;
        else context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}

/// <summary>The site roles exist in every database.</summary>
sealed class RoleSeed(RoleManager<Role> roles) : IStartupSeed
{
    public int Order => 15;

    public async Task RunAsync(CancellationToken ct)
    {
        foreach (var name in SiteRoles.All)
        {
            if (!await roles.RoleExistsAsync(name)) await roles.CreateAsync(new Role { Name = name });
        }
    }
}
