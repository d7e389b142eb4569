# The adapter API: Django + gunicorn (gthread) + whitenoise, with Microsoft ODBC Driver 18 for pyodbc.
# mssql-django 2.0 uses pyodbc and the system ODBC driver by default; its optional `mssql-python`
# driver (OPTIONS python_driver) bundles its own, but we stay on the documented default.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1

# Microsoft's package repository for Debian 12, then the driver (its licence must be accepted).
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl ca-certificates gnupg \
 && curl -fsSL -o /tmp/packages-microsoft-prod.deb https://packages.microsoft.com/config/debian/12/packages-microsoft-prod.deb \
 && dpkg -i /tmp/packages-microsoft-prod.deb && rm /tmp/packages-microsoft-prod.deb \
 && apt-get update \
 && ACCEPT_EULA=Y apt-get install -y --no-install-recommends msodbcsql18 unixodbc \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .
RUN useradd --system --home /app adapter \
 && mkdir -p /app/var && chown adapter /app/var
# Hashed, compressed static files for whitenoise (the browsable API and the API docs assets).
RUN DJANGO_ENV=production DJANGO_SECRET_KEY=collectstatic-only ALLOWED_HOSTS=build \
    python manage.py collectstatic --noinput

USER adapter
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health/live', timeout=2)"
CMD ["gunicorn", "-c", "config/gunicorn.py", "config.wsgi"]
