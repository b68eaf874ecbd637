/**
 * Public tracking endpoints under /t/ (the tag's page views, tracked link clicks, opt-out) and the marketer's
 * tracking settings page (tag snippet and topic rules).
 */
package jp.nurture.leads.web.tracking;
