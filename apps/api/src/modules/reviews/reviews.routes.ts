import { contextOf, errorResponses, idParams, type ModuleDeps, type ZodFastify } from '../../app/http.js';
import { DOCX_TYPE, downloadName, PDF_TYPE } from '../transfers/documents.js';
import { generateReviewBody, listReviewsQuery, reviewListSchema, reviewRulesConfigSchema, reviewSchema } from './reviews.schemas.js';
import { reviewRulesSchema } from './reviews.rules.js';
import { createReviewsUseCases, type ReviewFormat } from './reviews.usecases.js';

const TYPES: Record<ReviewFormat, string> = { pdf: PDF_TYPE, docx: DOCX_TYPE };

/** 每周研判: the list of weeks, one review, generate now, PDF and DOCX; the thresholds of its suggestions. */
export function registerReviewsRoutes(app: ZodFastify, deps: ModuleDeps): void {
  const reviews = createReviewsUseCases(deps);
  const tags = ['reviews'];

  app.get('/api/review-rules', { schema: { tags, response: { 200: reviewRulesConfigSchema, ...errorResponses } } }, async (request) => reviews.rules(contextOf(request)));
  app.put('/api/review-rules', { schema: { tags, body: reviewRulesSchema, response: { 200: reviewRulesConfigSchema, ...errorResponses } } }, async (request) => reviews.updateRules(contextOf(request), request.body));
  app.get('/api/reviews', { schema: { tags, querystring: listReviewsQuery, response: { 200: reviewListSchema, ...errorResponses } } }, async (request) => reviews.list(contextOf(request), request.query));
  app.get('/api/reviews/:id', { schema: { tags, params: idParams, response: { 200: reviewSchema, ...errorResponses } } }, async (request) => reviews.get(contextOf(request), request.params.id));
  app.post('/api/reviews', { schema: { tags, body: generateReviewBody, response: { 201: reviewSchema, ...errorResponses } } }, async (request, reply) =>
    reply.code(201).send(await reviews.generate(contextOf(request), request.body)),
  );
  for (const format of ['pdf', 'docx'] as const) {
    app.get(`/api/reviews/:id/review.${format}`, { schema: { tags, params: idParams } }, async (request, reply) => {
      const file = await reviews.export(contextOf(request), request.params.id, format);
      return reply.type(TYPES[format]).header('content-disposition', downloadName(file.filename, `review-${request.params.id}.${format}`, format === 'pdf')).send(file.data);
    });
  }
}
