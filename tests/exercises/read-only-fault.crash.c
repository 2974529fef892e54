/* Wrong: no handler: it dies of the SIGSEGV. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>
int main(void) {
    int fd = open("/dev/zero", O_RDONLY);
    char *page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
    if (page == MAP_FAILED) return 1;
    page[0] = 'x';
    printf("Caught SIGSEGV\n");
    return 0;
}
