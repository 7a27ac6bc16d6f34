"use client";
// A rough rendering of an answer as Udesk's chat window shows it. Rich-text card content was
// sanitized on the server before it reached this component.
import { useTranslations } from "next-intl";

// biome-ignore lint/suspicious/noExplicitAny: walks every Udesk answer shape loosely; the answer schemas check them
type Any = Record<string, any>;

function Bubble({ children }: { children: React.ReactNode }) {
  return (
    <div className="max-w-sm rounded-2xl rounded-tl-sm border border-line bg-surface p-3 text-sm shadow-sm">
      {children}
    </div>
  );
}

function Product({ item }: { item: Any }) {
  return (
    <div className="flex gap-2 border-b border-line py-2 last:border-0">
      {item.img ? (
        // biome-ignore lint/performance/noImgElement: image URLs from any host; next/image needs each host listed
        <img src={item.img} alt="" className="size-12 shrink-0 rounded bg-surface-2 object-cover" />
      ) : (
        <div className="size-12 shrink-0 rounded bg-surface-2" />
      )}
      <div className="min-w-0 flex-1">
        <p className="truncate font-medium">{item.title}</p>
        {item.subTitle && <p className="truncate text-xs text-muted">{item.subTitle}</p>}
        <p className="text-xs text-muted">
          {[item.attr1 && `¥${item.attr1}`, item.attr2 && `×${item.attr2}`, item.attr3].filter(Boolean).join(" · ")}
        </p>
      </div>
    </div>
  );
}

export function ChatPreview({ answer }: { answer: Any }) {
  const t = useTranslations("templates.preview");
  if (answer.code === 200 && Array.isArray(answer.data)) {
    return (
      <Bubble>
        {answer.data.length === 0 && <p className="text-muted">{t("noItems")}</p>}
        {answer.data.map((item: Any, i: number) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: one answer's items: no id, never reordered
          <Product key={i} item={item} />
        ))}
        <p className="mt-2 text-xs text-muted">
          {t("page", { page: answer.paging.pageNum, total: answer.paging.total })}
        </p>
      </Bubble>
    );
  }
  if (answer.code === 200 && answer.data?.tabList) {
    return (
      <Bubble>
        <p className="mb-2 font-medium">{answer.data.title}</p>
        <div className="mb-2 flex flex-wrap gap-1">
          {answer.data.tabList.map((t: Any) => (
            <span key={t.id} className="rounded bg-surface-2 px-2 py-0.5 text-xs">
              {t.name}
            </span>
          ))}
        </div>
        {answer.data.tabDataList.map((item: Any, i: number) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: one answer's items: no id, never reordered
          <Product key={i} item={item} />
        ))}
      </Bubble>
    );
  }
  if (answer.code === 200 && answer.data?.dataList) {
    return (
      <Bubble>
        <p className="font-medium">{answer.data.title}</p>
        <p className="mb-2 text-xs text-muted">{answer.data.subTitle}</p>
        <ol className="space-y-2 border-l-2 border-line pl-3">
          {answer.data.dataList.map((n: Any) => (
            <li key={n.id}>
              <span className="font-medium">{n.status}</span> {n.title}
              <div className="text-xs text-muted">{n.subTitle}</div>
            </li>
          ))}
        </ol>
      </Bubble>
    );
  }
  const message = answer.message;
  if (!message) return <Bubble>{answer.resError ?? t("emptyAnswer")}</Bubble>;
  const c = message.msgContent;
  switch (message.msgType) {
    case "selective_list":
    case "selective_table":
      return (
        <Bubble>
          <p className="mb-2 font-medium">{c.title}</p>
          <div
            className={message.msgType === "selective_table" ? "grid gap-1" : "flex flex-col gap-1"}
            style={
              message.msgType === "selective_table"
                ? { gridTemplateColumns: `repeat(${c.columnNumber}, minmax(0, 1fr))` }
                : undefined
            }
          >
            {c.optionList.map((o: Any) => (
              <span key={o.id} className="rounded border border-accent px-2 py-1 text-center text-xs text-accent">
                {o.value}
              </span>
            ))}
          </div>
        </Bubble>
      );
    case "show_product":
      return (
        <Bubble>
          <p className="mb-2 font-medium">{c.title}</p>
          {c.productList.slice(0, c.showSize).map((p: Any) => (
            <Product
              key={p.id}
              item={{ title: p.name, img: p.image, subTitle: p.infoList?.map((x: Any) => x.info).join(" · ") }}
            />
          ))}
        </Bubble>
      );
    case "custom_card":
      return (
        <div className="space-y-2">
          {c.title && <Bubble>{c.title}</Bubble>}
          {c.cardList.map((card: Any) =>
            card.type === 1 ? (
              <Bubble key={card.id}>
                {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized by lib/templates/render.ts */}
                <div dangerouslySetInnerHTML={{ __html: card.content }} />
              </Bubble>
            ) : (
              <Bubble key={card.id}>
                <p className="mb-1">{card.suggestContent}</p>
                <ul className="list-inside list-disc text-accent">
                  {card.suggestList.map((q: Any) => (
                    <li key={q.id}>{q.content}</li>
                  ))}
                </ul>
              </Bubble>
            ),
          )}
          {c.total > c.pageSize && (
            <p className="text-xs text-muted">{t("page", { page: c.pageNum, total: c.total })}</p>
          )}
        </div>
      );
  }
  return <Bubble>{t("unknownType")}</Bubble>;
}
