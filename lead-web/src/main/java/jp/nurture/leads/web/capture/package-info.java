/**
 * Marketer pages for lead capture: CSV imports with column mapping, a live progress bar and the failed-rows file.
 */
package jp.nurture.leads.web.capture;
