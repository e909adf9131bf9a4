package org.proofassist.hub.api.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Locale;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * The pages speak Chinese unless the user chose English ({@code ?lang=en}, kept in a cookie); the
 * API keeps answering by the {@code Accept-Language} header as it always did, so that its
 * validation messages do not change language with a page visitor's cookie.
 */
public class PageLocaleResolver implements LocaleResolver {

  /** The cookie that keeps the pages' language. */
  public static final String COOKIE = "hub-lang";

  private final CookieLocaleResolver pages = new CookieLocaleResolver(COOKIE);
  private final AcceptHeaderLocaleResolver api = new AcceptHeaderLocaleResolver();

  public PageLocaleResolver() {
    pages.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
    pages.setCookieMaxAge(Duration.ofDays(365));
    pages.setCookieHttpOnly(true);
    pages.setCookieSameSite("Lax");
  }

  static boolean isApi(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.startsWith("/api/")
        || path.startsWith("/v3/api-docs")
        || path.startsWith("/swagger-ui")
        || path.startsWith("/actuator");
  }

  @Override
  public Locale resolveLocale(HttpServletRequest request) {
    return isApi(request) ? api.resolveLocale(request) : pages.resolveLocale(request);
  }

  @Override
  public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
    if (isApi(request)) {
      api.setLocale(request, response, locale);
    } else {
      pages.setLocale(request, response, supported(locale));
    }
  }

  /** Chinese or English; anything else reads as Chinese. */
  static Locale supported(Locale locale) {
    return locale != null && "en".equals(locale.getLanguage())
        ? Locale.ENGLISH
        : Locale.SIMPLIFIED_CHINESE;
  }
}
