/**
 * /admin/images: the image library. Upload (multipart; type checked from the bytes, size limited, alt
 * text required unless decorative), describe, delete. Staff who write only.
 */
import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppInstance } from '../../web/app-instance.js';
import type { AppError } from '../../errors.js';
import { flashNotice, formErrors } from '../../web/forms.js';
import { requireRole, viewerOf } from '../../web/guards.js';
import { deleteImage, describeImage, uploadFromForm } from './image.library.service.js';
import { loadImageEditor, loadImageLibrary } from './image.pages.service.js';
import { readImageUpload } from './image.upload.js';
import { ImageEditPage, imageValuesOf } from './views/ImageEditPage.js';
import { ImageLibraryPage, snippetText, type UploadValues } from './views/ImageLibraryPage.js';
import { wantsJson } from '../../web/error-handler.js';

const Str = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
const LibraryQuery = Type.Object({
  q: Str(200),
  before: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
  return: Str(300),
  done: Str(20),
  image: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
});
const DescribeBody = Type.Object({
  _csrf: Str(200),
  alt: Str(5000),
  decorative: Type.Optional(Type.Literal('1')),
  caption: Str(5000),
  credit: Str(1000),
});
const CsrfBody = Type.Object({ _csrf: Str(200) });

const NOTICES: Record<string, string> = {
  uploaded: 'images.notice_uploaded',
  saved: 'images.notice_saved',
  deleted: 'images.notice_deleted',
};

/** Where to go back after an upload: only our own article editor (never an open redirect). */
export const safeReturn = (v: string | undefined): string | null =>
  v && /^\/admin\/articles\/(new|\d{1,12}\/edit)$/.test(v) ? v : null;

/** The library page (also after a failed upload) and the page of one image. */
function imageScreens(app: AppInstance) {
  async function renderLibrary(
    request: FastifyRequest,
    reply: FastifyReply,
    o: {
      q?: string;
      before?: number;
      values?: UploadValues;
      error?: AppError;
      notice?: string;
      returnTo: string | null;
      highlight?: number;
    },
  ) {
    const { images, nextBefore } = await loadImageLibrary(app.deps, { q: o.q, before: o.before });
    return reply.page(
      { title: request.i18n.t('images.library_heading'), bodyClass: 'admin', scripts: ['admin.js'] },
      <ImageLibraryPage
        role={viewerOf(request).role}
        csrf={reply.formToken()}
        images={images}
        q={o.q ?? ''}
        nextBefore={nextBefore}
        values={o.values ?? {}}
        error={o.error}
        notice={o.notice}
        returnTo={o.returnTo}
        highlight={o.highlight ?? null}
      />,
      reply.statusCode >= 400 ? reply.statusCode : 200,
    );
  }

  async function renderEdit(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    o: { values?: UploadValues; error?: AppError; notice?: string } = {},
  ) {
    const viewer = viewerOf(request);
    const { image, usage, canDescribe, canDelete } = await loadImageEditor(app.deps, viewer, id);
    return reply.page(
      { title: request.i18n.t('images.image_heading', { id }), bodyClass: 'admin', scripts: ['admin.js'] },
      <ImageEditPage
        role={viewer.role}
        csrf={reply.formToken()}
        image={image}
        usage={usage}
        values={o.values ?? imageValuesOf(image)}
        error={o.error}
        notice={o.notice}
        canDescribe={canDescribe}
        canDelete={canDelete}
      />,
      reply.statusCode >= 400 ? reply.statusCode : 200,
    );
  }

  return { renderLibrary, renderEdit };
}

export async function imageRoutes(app: AppInstance): Promise<void> {
  const writer = requireRole('author');
  app.decorateRequest('upload', null);

  const { renderLibrary, renderEdit } = imageScreens(app);

  app.get('/admin/images', { schema: { querystring: LibraryQuery }, preHandler: writer }, async (request, reply) => {
    const { q, before, done, image } = request.query;
    return renderLibrary(request, reply, {
      q,
      before,
      notice: flashNotice(request.i18n, NOTICES, done),
      returnTo: safeReturn(request.query.return),
      highlight: image,
    });
  });

  app.post(
    '/admin/images',
    {
      preHandler: [writer, readImageUpload, app.csrfProtection],
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      errorHandler: formErrors(async (request, reply, error) => {
        const fields = (request.body ?? {}) as Record<string, string>;
        return renderLibrary(request, reply, { values: fields, error, returnTo: safeReturn(fields.return) });
      }),
    },
    async (request, reply) => {
      const fields = request.body as Record<string, string>;
      const id = await uploadFromForm(app.deps, viewerOf(request), request.upload!, fields);
      // The editor's script (an image pasted or dropped into the body) asks for JSON: the snippet to insert.
      if (wantsJson(request)) {
        const alt = fields.decorative === '1' ? '' : (fields.alt ?? '').replace(/\s+/g, ' ').trim();
        return reply.code(201).send({ id, snippet: snippetText(id, alt) });
      }
      const back = safeReturn(fields.return);
      return reply.redirect(
        back ? `${back}?done=uploaded#image-picker` : `/admin/images?done=uploaded&image=${id}#image-${id}`,
        303,
      );
    },
  );

  app.get(
    '/admin/images/:id',
    { schema: { params: IdParams, querystring: Type.Object({ done: Str(20) }) }, preHandler: writer },
    async (request, reply) => {
      return renderEdit(request, reply, request.params.id, {
        notice: flashNotice(request.i18n, NOTICES, request.query.done),
      });
    },
  );

  app.post(
    '/admin/images/:id',
    {
      schema: { params: IdParams, body: DescribeBody },
      preHandler: [writer, app.csrfProtection],
      errorHandler: formErrors(async (request, reply, error) =>
        renderEdit(request, reply, (request.params as { id: number }).id, {
          values: (request.body ?? {}) as UploadValues,
          error,
        }),
      ),
    },
    async (request, reply) => {
      const b = request.body;
      await describeImage(app.deps, viewerOf(request), request.params.id, {
        alt: b.alt ?? '',
        decorative: b.decorative === '1',
        caption: b.caption ?? null,
        credit: b.credit ?? null,
      });
      return reply.redirect(`/admin/images/${request.params.id}?done=saved`, 303);
    },
  );

  app.post(
    '/admin/images/:id/delete',
    {
      schema: { params: IdParams, body: CsrfBody },
      preHandler: [writer, app.csrfProtection],
      errorHandler: formErrors(async (request, reply, error) =>
        renderEdit(request, reply, (request.params as { id: number }).id, { error }),
      ),
    },
    async (request, reply) => {
      await deleteImage(app.deps, viewerOf(request), request.params.id);
      return reply.redirect('/admin/images?done=deleted', 303);
    },
  );
}
